"""Import of SP4N-LAPOR! history (``rembug import-lapor``).

A separate app on the complaints floor (3) rather than inside the API (floor 5): the importer
writes reports, so it must go through the complaints app's rules and services, and nothing above
complaints needs to be loaded to run it.
"""
