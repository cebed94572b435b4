"""The demo: Kota Tangerang Selatan and Kota Serang, as in the story behind Rembug.

Each module of the loop adds its part in its own loader module below; ``LOADERS`` runs them in
order. A loader is a module with ``load(ctx: DemoContext) -> None``.
"""
