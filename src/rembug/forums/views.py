from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def forum_list(request: HttpRequest, government: str) -> HttpResponse:
    return HttpResponse("")


def forum_detail(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    return HttpResponse("")


def input_detail(request: HttpRequest, government: str, pk: int, input_pk: int) -> HttpResponse:
    return HttpResponse("")
