"""The declared access rule of every URL: who may open it (GET) and who may write through it
(POST). ``tests/security/test_url_matrix.py`` walks every URL pattern of the project and checks
each answer of each role against this table; a URL without a rule here fails that test.

Declare what is *intended* (read the view's access helper), not what the code happens to do.

Roles (see ``rembug.testing.world``): ``anonymous``; ``resident`` (signed in, not the reporter);
``owner`` (the reporter of the public and the confidential report); ``stakeholder``; ``officer``
(agency A, which the reports are dispatched to and which owns the Renstra, Renja and forum);
``officer_b`` (another agency); ``head`` (the head of agency A, Kepala Perangkat Daerah: one of
its officers, so every rule that lets ``officer`` in lets ``head`` in too — see
:func:`_with_head` — and the one who approves its quarters); ``coordinator``; ``planner``
(Bappeda); ``leadership``; ``administrator`` (of this government); ``outsider`` (administrator
of another government).

"Allowed" means any answer below 500 that is not a refusal; a refusal is 401, 403, 404, 405 or a
redirect to a login page. Refused POSTs must also write nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from rembug.testing.world import ROLES, Side, World

Roles = frozenset[str]
EVERYONE: Roles = frozenset(ROLES)
SIGNED_IN: Roles = EVERYONE - {"anonymous"}
NOBODY: Roles = frozenset()
COORDINATORS: Roles = frozenset({"coordinator", "administrator"})
# Who reads a confidential report's content: staff of the agency handling it, the coordinator,
# leadership and the reporter (complaints/access.py).
READS_CONFIDENTIAL: Roles = COORDINATORS | {"leadership", "officer", "owner"}
# Who sees an anonymous reporter's identity: the coordinator only (and the reporter).
SEES_IDENTITY: Roles = COORDINATORS
# Whoever may write to agency A's plans: its officers and the planner (Bappeda).
PLAN_WRITERS: Roles = frozenset({"officer", "planner"})
OFFICERS: Roles = frozenset({"officer", "officer_b"})
# Staff of this government read working drafts (planning/access.py: drafts stay inside).
STAFF: Roles = frozenset(
    {"officer", "officer_b", "coordinator", "planner", "leadership", "administrator"}
)
# A forum's facilitators: the organising agency's officers and the coordinators.
FACILITATORS: Roles = frozenset({"officer"}) | COORDINATORS
# Who takes part in a forum open to the public: every role there but leadership.
PARTICIPANTS: Roles = SIGNED_IN - {"leadership", "outsider"}


def _(**fixed: Any) -> Callable[[Side, World], dict[str, Any]]:
    return lambda side, world: dict(fixed)


def nothing(side: Side, world: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Rule:
    get: Roles
    post: Roles = NOBODY
    kwargs: Callable[[Side, World], dict[str, Any]] = nothing
    query: Callable[[Side, World], str] = lambda side, world: ""
    post_data: Callable[[Side, World], dict[str, str]] = lambda side, world: {}
    label: str = ""
    # Roles for whom this answer may carry the anonymous reporter's identity or the confidential
    # content (the tracking code is a capability: whoever holds it acts as the reporter).
    sees_identity: Roles = SEES_IDENTITY
    reads_confidential: Roles = READS_CONFIDENTIAL
    # A page in the browser accessibility sweep when anonymous may GET it (not files, not JSON).
    page: bool = True


def read(roles: Roles = EVERYONE, **kw: Any) -> Rule:
    return Rule(get=roles, **kw)


def form(get: Roles, post: Roles | None = None, **kw: Any) -> Rule:
    """A page with a form: GET shows it, POST writes."""
    return Rule(get=get, post=get if post is None else post, **kw)


def action(post: Roles, **kw: Any) -> Rule:
    """POST only: GET is refused (405) for everyone."""
    return Rule(get=NOBODY, post=post, page=False, **kw)


def data(roles: Roles = EVERYONE, **kw: Any) -> Rule:
    """A download or machine-readable answer, not a page for people."""
    return Rule(get=roles, page=False, **kw)


def report(side: Side, world: World) -> dict[str, Any]:
    return {"pk": side.report.pk}


def document(side: Side, world: World) -> dict[str, Any]:
    return {"pk": side.renstra.pk}


def program(side: Side, world: World) -> dict[str, Any]:
    return {"pk": side.program.pk}


def indicator(side: Side, world: World) -> dict[str, Any]:
    return {"pk": side.indicator.pk}


def forum(side: Side, world: World) -> dict[str, Any]:
    return {"pk": side.forum.pk}


def forum_input(side: Side, world: World) -> dict[str, Any]:
    return {"pk": side.forum.pk, "input_pk": side.forum_input.pk}


def period(side: Side, world: World) -> dict[str, Any]:
    return {"period_id": side.period.pk}


def code(side: Side, world: World) -> dict[str, Any]:
    return {"code": side.report.tracking_code}


def jurisdiction(side: Side, world: World) -> str:
    return f"jurisdiction_id={side.government.region_id}"


def api(side: Side, world: World) -> dict[str, Any]:
    return {"slug": side.slug}


POLICIES: dict[str, Rule | tuple[Rule, ...]] = {
    # ------------------------------------------------------------- site, accounts
    "home": read(),
    "healthz": data(),
    "set_language": Rule(get=EVERYONE, post=EVERYONE, page=False),
    "accounts:login": form(EVERYONE),
    "accounts:logout": action(EVERYONE),
    "accounts:profile": read(SIGNED_IN),
    "accounts:password_change": form(SIGNED_IN),
    "accounts:password_change_done": read(SIGNED_IN),
    "accounts:password_reset": form(EVERYONE),
    "accounts:password_reset_done": read(),
    "accounts:password_reset_confirm": form(
        EVERYONE,
        kwargs=lambda side, world: {"uidb64": "MQ", "token": "bukan-token-yang-sah"},
    ),
    "accounts:password_reset_complete": read(),
    "nomenclature:version_list": read(),
    "nomenclature:version": read(kwargs=lambda s, w: {"pk": w.nomenclature_version.pk}),
    # ------------------------------------------------------------- portal, governments
    "portal:home": read(),
    "governments:agency_list": read(),
    "governments:agency": read(kwargs=lambda s, w: {"agency": s.agency.slug}),
    "governments:agency_edit": form(
        frozenset({"officer"}) | COORDINATORS, kwargs=lambda s, w: {"agency": s.agency.slug}
    ),
    "governments:audit_log": read(frozenset({"administrator"})),
    "governments:audit_record": read(
        frozenset({"administrator"}),
        kwargs=lambda s, w: {
            "content_type": s.audit_content_type,
            "object_id": s.audit_object_id,
        },
    ),
    # ------------------------------------------------------------- planning
    "planning:documents": read(),
    "planning:document_create": form(PLAN_WRITERS | {"officer_b"}),
    "planning:document": read(kwargs=document),
    "planning:document_edit": form(PLAN_WRITERS, kwargs=document),
    "planning:document_transition": action(PLAN_WRITERS, kwargs=document),
    "planning:document_amend": form(PLAN_WRITERS, kwargs=document),
    "planning:document_compare": read(
        kwargs=document, query=lambda s, w: f"dengan={s.extra['rpjmd'].pk}"
    ),
    "planning:document_check": read(kwargs=document),
    "planning:document_template": data(kwargs=document),
    "planning:document_import": form(PLAN_WRITERS, kwargs=document),
    "planning:renja_create": action(PLAN_WRITERS, kwargs=document),
    "planning:renja_copy": action(PLAN_WRITERS, kwargs=lambda s, w: {"pk": s.renja.pk}),
    "planning:item_create": form(PLAN_WRITERS, kwargs=document),
    "planning:item": read(kwargs=program),
    "planning:item_children": read(kwargs=program, page=False),  # an htmx fragment
    "planning:item_edit": form(PLAN_WRITERS, kwargs=program),
    "planning:item_move": action(PLAN_WRITERS, kwargs=program),
    "planning:item_delete": action(PLAN_WRITERS, kwargs=program),
    "planning:item_chain": read(kwargs=program),
    "planning:indicator_create": form(PLAN_WRITERS, kwargs=program),
    "planning:item_funding": form(PLAN_WRITERS, kwargs=program),
    "planning:item_alignment": form(PLAN_WRITERS, kwargs=program),
    "planning:item_locations": form(PLAN_WRITERS, kwargs=lambda s, w: {"pk": s.renja_sub.pk}),
    "planning:indicator_edit": form(PLAN_WRITERS, kwargs=indicator),
    "planning:indicator_delete": action(PLAN_WRITERS, kwargs=indicator),
    # ------------------------------------------------------------- complaints
    "complaints:list": read(),
    "complaints:new": form(EVERYONE),
    "complaints:kelurahan_options": read(page=False),
    "complaints:emergency_check": action(EVERYONE),
    "complaints:track_lookup": read(),
    # Whoever holds the tracking code follows the report (the code is a capability).
    "complaints:track": read(kwargs=code),
    # A report made without an account: the code's holder replies as its reporter.
    "complaints:track_act": action(
        EVERYONE,
        kwargs=lambda s, w: {"code": s.walk_in_report.tracking_code, "action": "balas"},
        sees_identity=EVERYONE,
    ),
    "complaints:track_attachment": data(
        kwargs=lambda s, w: {**code(s, w), "attachment": s.attachment.pk}
    ),
    "complaints:mine": read(SIGNED_IN),
    "complaints:coordinator_queue": read(COORDINATORS),
    "complaints:emergency_queue": read(COORDINATORS),
    "complaints:agency_queue": read(OFFICERS),
    "complaints:answer_templates": form(OFFICERS),
    "complaints:calendar": form(EVERYONE, COORDINATORS),
    "complaints:calendar_remove": action(COORDINATORS, kwargs=lambda s, w: {"pk": s.day_off.pk}),
    "complaints:service_level_save": action(COORDINATORS),
    "complaints:service_level_delete": action(
        COORDINATORS, kwargs=lambda s, w: {"pk": s.service_level.pk}
    ),
    "complaints:statistics": read(),
    "complaints:by_kecamatan": read(),
    "complaints:detail": (
        read(kwargs=report, label="public report"),
        read(kwargs=lambda s, w: {"pk": s.anonymous_report.pk}, label="anonymous report"),
        read(
            READS_CONFIDENTIAL,
            kwargs=lambda s, w: {"pk": s.confidential_report.pk},
            label="confidential report",
        ),
    ),
    # The reporter, the agency handling it and the coordinator work on a report.
    "complaints:act": (
        # The transition table gives "start work" to the agency handling the report only.
        action(
            frozenset({"officer"}),
            kwargs=lambda s, w: {**report(s, w), "action": "proses"},
            label="start work",
        ),
        action(
            frozenset({"owner"}),
            kwargs=lambda s, w: {**report(s, w), "action": "balas"},
            post_data=lambda s, w: {"balas-note": "Masih rusak, mohon ditindaklanjuti."},
            label="the reporter replies",
        ),
    ),
    "complaints:attachment": data(
        kwargs=lambda s, w: {**report(s, w), "attachment": s.attachment.pk}
    ),
    # ------------------------------------------------------------- forums
    "forums:list": read(),
    "forums:new": form(OFFICERS | COORDINATORS),
    "forums:statistics": read(),
    "forums:input_by_number": read(kwargs=lambda s, w: {"input_pk": s.forum_input.pk}),
    "forums:detail": read(kwargs=forum),
    "forums:submit": form(PARTICIPANTS, kwargs=forum),
    "forums:capture": form(frozenset({"officer"}) | COORDINATORS, kwargs=forum),
    "forums:manage": form(frozenset({"officer"}) | COORDINATORS, kwargs=forum),
    "forums:analysis_refresh": action(frozenset({"officer"}) | COORDINATORS, kwargs=forum),
    "forums:participant_create": action(frozenset({"officer"}) | COORDINATORS, kwargs=forum),
    "forums:criterion_create": action(frozenset({"officer"}) | COORDINATORS, kwargs=forum),
    # Scoring happens in deliberation, attendance on the forum day (the phase switches).
    "forums:score": action(
        FACILITATORS,
        kwargs=lambda s, w: {
            "pk": s.extra["deliberation"].pk,
            "input_pk": s.extra["deliberation_input"].pk,
        },
    ),
    # Only the proposer (the stakeholder) edits a proposal.
    "forums:edit": form(frozenset({"stakeholder"}), kwargs=forum_input),
    # Anyone signed in enters the code printed by their name (the code is the invitation).
    "forums:attendance_register": action(
        SIGNED_IN, kwargs=lambda s, w: {"pk": s.extra["forum_day"].pk}
    ),
    "forums:attendance_mark": action(
        FACILITATORS,
        kwargs=lambda s, w: {
            "pk": s.extra["forum_day"].pk,
            "participant_pk": s.extra["forum_day_participant"].pk,
        },
    ),
    "forums:statement_create": action(PARTICIPANTS, kwargs=forum),
    "forums:react": action(
        PARTICIPANTS, kwargs=lambda s, w: {"pk": s.forum.pk, "statement_pk": s.statement.pk}
    ),
    "forums:moderate": action(
        frozenset({"officer"}) | COORDINATORS,
        kwargs=lambda s, w: {"pk": s.forum.pk, "statement_pk": s.statement.pk},
    ),
    "forums:input": read(kwargs=forum_input),
    "forums:support": action(PARTICIPANTS, kwargs=forum_input),
    # Answering inputs: the facilitators and Bappeda's planners.
    "forums:dispose": form(FACILITATORS | {"planner"}, kwargs=forum_input),
    # ------------------------------------------------------------- monitoring
    "monitoring:dashboard": read(),
    # The world's Renja is a working draft: staff of the government read it, nobody outside.
    "monitoring:renja": read(STAFF, kwargs=lambda s, w: {"pk": s.renja.pk}),
    "monitoring:grid": read(PLAN_WRITERS, kwargs=lambda s, w: {"pk": s.renja.pk, "quarter": 1}),
    "monitoring:indicator_cell": action(
        PLAN_WRITERS,
        kwargs=lambda s, w: {**period(s, w), "indicator_id": s.renja_indicator.pk},
    ),
    "monitoring:item_cell": action(
        PLAN_WRITERS,
        kwargs=lambda s, w: {**period(s, w), "item_id": s.renja_sub.pk, "field": "obstacles"},
    ),
    # A plan item's progress, a fragment: whoever reads the item (the world's Renja is a draft).
    "monitoring:item_progress": read(
        STAFF, kwargs=lambda s, w: {"item_id": s.renja_sub.pk}, page=False
    ),
    "monitoring:evidence_upload": action(PLAN_WRITERS, kwargs=period),
    "monitoring:evidence": data(STAFF, kwargs=lambda s, w: {"pk": s.evidence.pk}),
    "monitoring:period_action": (
        action(PLAN_WRITERS, kwargs=lambda s, w: {**period(s, w), "action": "submit"}),
        # Approving: the head of the agency only (agency A has one, so not the planner); with
        # the period open the head's approval is a 422, not a refusal.
        action(
            frozenset({"head"}),
            kwargs=lambda s, w: {**period(s, w), "action": "approve"},
            label="approve",
        ),
    ),
    "monitoring:export": data(
        STAFF, kwargs=lambda s, w: {"table": "E.81", "document_id": s.renja.pk, "fmt": "xlsx"}
    ),
    # ------------------------------------------------------------- API keys for Open311 clients
    "open311_clients:list": form(COORDINATORS),
    "open311_clients:revoke": action(COORDINATORS, kwargs=lambda s, w: {"pk": s.open311_client.pk}),
    # ------------------------------------------------------------- REST API (public reads)
    # django-ninja answers its document and docs page to any method; they write nothing.
    "api-v1:openapi-json": Rule(get=EVERYONE, post=EVERYONE, page=False),
    "api-v1:openapi-view": Rule(get=EVERYONE, post=EVERYONE, page=False),
    "api-v1:api-root": data(NOBODY),
    # Any other path under /api/v1/ answers the API's 404 body.
    "api_v1_not_found": data(NOBODY, kwargs=_(rest="tidak-ada")),
    "api-v1:government_list": data(),
    "api-v1:government_detail": data(kwargs=api),
    "api-v1:agency_list": data(kwargs=api),
    "api-v1:agency_detail": data(kwargs=lambda s, w: {**api(s, w), "agency": s.agency.slug}),
    "api-v1:region_list": data(),
    "api-v1:region_detail": data(kwargs=lambda s, w: {"code": w.region_code}),
    "api-v1:nomenclature_version_list": data(),
    "api-v1:nomenclature_item_list": data(
        kwargs=lambda s, w: {"version_id": w.nomenclature_version.pk}
    ),
    # The API authenticates with tokens only: a session cookie is no API credential.
    "api-v1:me": data(NOBODY),
    # report_list and report_create share one path: GET lists, POST submits (token or session).
    "api-v1:report_list": Rule(get=EVERYONE, post=EVERYONE, kwargs=api, page=False),
    "api-v1:report_create": Rule(get=EVERYONE, post=EVERYONE, kwargs=api, page=False),
    "api-v1:report_detail": data(kwargs=lambda s, w: {**api(s, w), "report_id": s.report.pk}),
    "api-v1:plan_list": data(kwargs=api),
    "api-v1:plan_detail": data(kwargs=lambda s, w: {**api(s, w), "plan_id": s.renstra.pk}),
    "api-v1:plan_item_list": data(kwargs=lambda s, w: {**api(s, w), "plan_id": s.renstra.pk}),
    "api-v1:indicator_list": data(kwargs=api),
    "api-v1:forum_list": data(kwargs=api),
    "api-v1:forum_detail": data(kwargs=lambda s, w: {**api(s, w), "forum_id": s.forum.pk}),
    "api-v1:input_list": data(kwargs=lambda s, w: {**api(s, w), "forum_id": s.forum.pk}),
    # ------------------------------------------------------------- Open311 GeoReport v2
    "open311:discovery": data(kwargs=_(fmt="json"), query=jurisdiction),
    "open311:services": data(kwargs=_(fmt="json"), query=jurisdiction),
    "open311:service": data(
        kwargs=lambda s, w: {"code": s.category.slug, "fmt": "json"}, query=jurisdiction
    ),
    # POST requests needs an api_key: refused (403) without one, and nothing is written.
    "open311:requests": data(
        kwargs=_(fmt="json"),
        query=jurisdiction,
        post_data=lambda s, w: {"jurisdiction_id": s.government.region_id},
    ),
    "open311:request": data(
        kwargs=lambda s, w: {"request_id": s.report.pk, "fmt": "json"}, query=jurisdiction
    ),
    # The world holds no Open311 token: an unknown one is 404 for everyone.
    "open311:token": data(NOBODY, kwargs=_(token="tidak-ada", fmt="json"), query=jurisdiction),
    # ------------------------------------------------------------- landed with issues 8 and 10
    "my_data": read(SIGNED_IN),
    "my_data_download": data(SIGNED_IN),
    "my_account_delete": action(SIGNED_IN),
    "account_deleted": read(),
    "accounts:two_factor": form(SIGNED_IN),
    # The code step only follows the password step: without it, back to the login page.
    "accounts:two_factor_login": form(NOBODY, page=False),
    "signup:start": form(EVERYONE),
    # An invalid link sends everyone to the login page with a message.
    # A made-up link: everyone gets the same "not valid" page (400), whoever account 1 is.
    "signup:verify": read(
        EVERYONE, kwargs=lambda s, w: {"uidb64": "MQ", "token": "bukan-token-yang-sah"}, page=False
    ),
    "api-v1:input_create": Rule(
        get=EVERYONE,
        post=NOBODY,
        kwargs=lambda s, w: {**api(s, w), "forum_id": s.forum.pk},
        page=False,
    ),
    # The API reads as anonymous without a token, and the world's Renja is a working draft.
    "api-v1:period_list": data(NOBODY, kwargs=lambda s, w: {**api(s, w), "plan_id": s.renja.pk}),
    "api-v1:realisation_list": data(
        NOBODY, kwargs=lambda s, w: {**api(s, w), "plan_id": s.renja.pk}
    ),
    "api-v1:realisation_enter": data(
        NOBODY, kwargs=lambda s, w: {**api(s, w), "period_id": s.period.pk}
    ),
    "api-v1:search_list": data(kwargs=api),
    "api-v1:statistics": data(kwargs=api),
    "api-v1:triage_suggest": Rule(get=NOBODY, post=EVERYONE, kwargs=api, page=False),
    "complaints:themes": read(COORDINATORS),
    # Without a theme (category and kecamatan) in the query the page is 404 even for the
    # coordinators; their access is proven by complaints:themes and the tests of the page.
    "complaints:theme_promote": form(NOBODY),
    "complaints:routing": read(COORDINATORS),
    "complaints:routing_retrain": action(COORDINATORS),
    # The world trains no routing model: version 1 does not exist (404 even for coordinators);
    # the coordinators' access is proven by complaints:routing and routing_retrain.
    "complaints:routing_activate": action(NOBODY, kwargs=_(version=1)),
    "moderation:queue": read(COORDINATORS),
    "moderation:item": read(COORDINATORS, kwargs=lambda s, w: {"pk": s.extra["moderated_item"].pk}),
    "moderation:decide": action(
        COORDINATORS, kwargs=lambda s, w: {"pk": s.extra["moderated_item"].pk}
    ),
    "moderation:appeal_reject": action(
        COORDINATORS, kwargs=lambda s, w: {"pk": s.extra["moderated_item"].pk}
    ),
    "moderation:account_block": action(
        COORDINATORS, kwargs=lambda s, w: {"pk": s.extra["moderated_item"].pk}
    ),
    "moderation:account_unblock": action(
        COORDINATORS, kwargs=lambda s, w: {"user": w.user("stakeholder").pk}
    ),
    "moderation:settings": form(COORDINATORS),
    "moderation:term_remove": action(
        COORDINATORS, kwargs=lambda s, w: {"pk": s.extra["blocked_term"].pk}
    ),
    "moderation:flag": form(EVERYONE, kwargs=lambda s, w: {"kind": "complaint", "pk": s.report.pk}),
    # Only the author of the moderated content (the stakeholder's forum input) appeals.
    "moderation:appeal": form(
        frozenset({"stakeholder"}), kwargs=lambda s, w: {"pk": s.extra["moderated_item"].pk}
    ),
    "moderation:pii_preview": action(EVERYONE),
    "monitoring:bind": action(
        frozenset({"planner", "coordinator"}),
        kwargs=lambda s, w: {"pk": s.renja.pk},
        post_data=lambda s, w: {"indicator": str(s.renja_indicator.pk), "metric": ""},
    ),
    "monitoring:chart": data(kwargs=_(name="agencies", fmt="csv")),
    "monitoring:renja_chart": data(
        STAFF, kwargs=lambda s, w: {"pk": s.renja.pk, "name": "programs", "fmt": "csv"}
    ),
    "monitoring:dprd": read(),
    "monitoring:leadership": read(),
    "portal:agency": read(kwargs=lambda s, w: {"agency": s.agency.slug}),
    "portal:ckan_action": data(kwargs=_(action="package_list")),
    "portal:data_catalogue": read(),
    "portal:data_json": data(),
    "ppid:register": read(),
    "ppid:statistics": read(),
    "ppid:information": read(),
    "ppid:track_lookup": read(),
    "ppid:new": form(EVERYONE),
    "ppid:mine": read(SIGNED_IN),
    # Every agency's PPID has a queue (officer_b's is agency B's), and the superiors.
    "ppid:queue": read(OFFICERS | COORDINATORS),
    "ppid:agency_information": form(
        EVERYONE, FACILITATORS, kwargs=lambda s, w: {"agency": s.agency.slug}
    ),
    # The agency's PPID (officer of agency A) and the coordinators keep its Daftar Informasi.
    "ppid:agency_information_edit": form(
        FACILITATORS,
        kwargs=lambda s, w: {"agency": s.agency.slug, "pk": s.extra["public_information"].pk},
    ),
    "ppid:agency_information_retire": action(
        FACILITATORS,
        kwargs=lambda s, w: {"agency": s.agency.slug, "pk": s.extra["public_information"].pk},
    ),
    # The requester (owner), the agency's PPID, the superiors, and leadership read a request.
    "ppid:detail": read(
        frozenset({"owner", "officer", "leadership"}) | COORDINATORS,
        kwargs=lambda s, w: {"pk": s.extra["ppid_request"].pk},
    ),
    "ppid:act": action(
        frozenset({"officer"}),
        kwargs=lambda s, w: {"pk": s.extra["ppid_request"].pk, "action": "jawab"},
    ),
    "ppid:track": read(kwargs=lambda s, w: {"code": s.extra["ppid_request"].tracking_code}),
    # Whoever holds the code acts as the requester; before the due date an objection is a
    # validation error naming that date (422, nothing written), not a refusal.
    "ppid:track_act": action(
        EVERYONE,
        kwargs=lambda s, w: {"code": s.extra["ppid_request"].tracking_code, "action": "keberatan"},
    ),
    "search:search": read(),
}


def _datasets() -> tuple[Rule, ...]:
    """Every open dataset, as CSV and as JSON: public, and scanned for personal data."""
    from rembug.portal.opendata import DATASETS

    return tuple(
        data(kwargs=_(dataset=slug, fmt=fmt), label=f"{slug}.{fmt}")
        for slug in DATASETS
        for fmt in ("csv", "json")
    )


# Django's admin: only superusers and staff accounts (none of the roles) get past its login.
ADMIN_OPEN = {
    # The admin's login forwards every request to /akun/masuk/ (a refusal for the matrix).
    "admin:login": Rule(get=NOBODY, post=NOBODY, page=False),
    "admin:logout": Rule(get=EVERYONE, post=EVERYONE, page=False),
}
ADMIN_RULE = Rule(get=NOBODY, post=NOBODY, page=False)


def _with_head(rule: Rule) -> Rule:
    """The head of agency A is one of its officers: what ``officer`` may, ``head`` may too."""

    def more(roles: Roles) -> Roles:
        return roles | {"head"} if "officer" in roles else roles

    return replace(
        rule,
        get=more(rule.get),
        post=more(rule.post),
        sees_identity=more(rule.sees_identity),
        reads_confidential=more(rule.reads_confidential),
    )


def rule_for(name: str) -> tuple[Rule, ...] | None:
    if name == "portal:dataset_download":
        return _datasets()
    if name in POLICIES:
        found = POLICIES[name]
        return tuple(_with_head(rule) for rule in (found if isinstance(found, tuple) else (found,)))
    if name.startswith(("admin:", "admin/")):
        return (ADMIN_OPEN.get(name, ADMIN_RULE),)
    return None
