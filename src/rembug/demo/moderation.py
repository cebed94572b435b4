"""Demo: moderation in Kota Serang. A public report flagged twice (one flag short of hiding, in the
moderator's queue), a spam report blocked with its reason shown publicly and its account blocked,
and a block-list with a gambling word and link."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from rembug.complaints.models import Complaint, Privacy, Status
from rembug.demo.context import DEMO_PASSWORD, DemoContext
from rembug.governments.models import Government
from rembug.moderation.models import ModeratedItem, Reason, State
from rembug.moderation.services import account_block, blocked_term_add, content_flag

SPAM_LOGIN = "promo.pinjol"
SPAM_TITLE = "Pinjaman online cepat cair tanpa jaminan"


def load(ctx: DemoContext) -> None:
    serang = ctx.governments.get("kota-serang")
    coordinator = ctx.users.get("koordinator.serang")
    if serang is None or coordinator is None:
        return
    for term in ("slot gacor", "judi-online.example"):
        blocked_term_add(government=serang, term=term, by=coordinator)
    _flagged(ctx, serang)
    _blocked(ctx, serang, coordinator)


def _flagged(ctx: DemoContext, serang: Government) -> None:
    """Two residents flag a public report (the third flag would hide it)."""
    report = (
        Complaint.objects.of(serang)
        .public()
        .exclude(reporter__username__in=["warga.kasemen", "pemangku.untirta"])
        .order_by("id")
        .first()
    )
    if (
        report is None
        or ModeratedItem.objects.filter(government=serang, object_id=report.pk).exists()
    ):
        return
    for login, reason in (("warga.kasemen", Reason.OFF_TOPIC), ("pemangku.untirta", Reason.ABUSE)):
        content_flag(
            government=serang,
            content=report,
            reason=reason,
            by=ctx.users[login],
            address="",
            note="Contoh laporan konten untuk demo.",
        )
    ctx.note(f"Moderasi / moderation: laporan no. {report.pk} dilaporkan 2 kali (antrean moderasi)")


def _blocked(ctx: DemoContext, serang: Government, coordinator: Any) -> None:
    """A spam account's advertisement, blocked with the reason shown in its place."""
    user_model = get_user_model()
    spammer, created = user_model.objects.get_or_create(
        username=SPAM_LOGIN, defaults={"full_name": "Promo Pinjol", "email": "promo@example.com"}
    )
    if created:
        spammer.set_password(DEMO_PASSWORD)
        spammer.save(update_fields=["password"])
    if Complaint.objects.filter(government=serang, title=SPAM_TITLE).exists():
        return
    now = timezone.now()
    Complaint.objects.create(
        government=serang,
        title=SPAM_TITLE,
        text="Butuh dana cepat? Cair 1 jam, hubungi WA 0812-9988-7766. Bonus slot gacor!",
        privacy=Privacy.PUBLIC,
        status=Status.VERIFIED,
        reporter=spammer,
        submitted_at=now,
        verified_at=now,
    )
    account_block(
        government=serang,
        user=spammer,
        by=coordinator,
        reason=Reason.SPAM,
        note="Akun iklan pinjaman online.",
        remove_content=True,
    )
    blocked = ModeratedItem.objects.filter(government=serang, state=State.BLOCKED).count()
    ctx.note(f"Moderasi / moderation: {blocked} konten diblokir, akun {SPAM_LOGIN} diblokir")
