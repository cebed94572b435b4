"""Creating an account, verified by e-mail: the account stays inactive (it cannot sign in, so it
cannot publish) until its owner opens the link we mail. Rate-limited per address, with the
honeypot and time check of public forms, so that spam accounts cost more than a script."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rembug.moderation.humans import HumanCheckForm


class SignupForm(HumanCheckForm):
    username = forms.RegexField(
        label=gettext_lazy("User name"),
        regex=r"^[a-z0-9._-]{3,40}$",
        help_text=gettext_lazy("3–40 lower-case letters, digits, dots, dashes or underscores."),
    )
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=200)
    email = forms.EmailField(label=gettext_lazy("E-mail"))
    password = forms.CharField(
        label=gettext_lazy("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password


def verification_token(user: Any) -> tuple[str, str]:
    return urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)


def _verification_send(user: Any, link: str) -> None:
    context = {"user": user, "link": link}
    subject = render_to_string("moderation/signup_mail_subject.txt", context).strip()
    send_mail(subject, render_to_string("moderation/signup_mail.txt", context), None, [user.email])


@transaction.atomic
def account_register(
    *, username: str, full_name: str, email: str, password: str, link_for: Any
) -> Any:
    """Create an inactive account and mail its verification link (``link_for(uid, token)``)."""
    users = get_user_model()
    if users.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("This user name is taken; choose another."))
    if users.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            _("An account with this e-mail address exists. Log in, or reset its password.")
        )
    user = users.objects.create_user(
        username=username, email=email, password=password, full_name=full_name, is_active=False
    )
    link = link_for(*verification_token(user))
    transaction.on_commit(lambda: _verification_send(user, link))
    return user


@transaction.atomic
def account_verify(*, uidb64: str, token: str) -> Any:
    """Activate the account the link was made for; ``ValidationError`` for a bad or used link."""
    users = get_user_model()
    try:
        user = users.objects.select_for_update().get(pk=int(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError, users.DoesNotExist) as error:
        raise ValidationError(_("This verification link is not valid.")) from error
    # The token first: a made-up link must say "not valid" whether or not the account exists or
    # is already active, so that it tells nothing about the accounts.
    if not default_token_generator.check_token(user, token):
        raise ValidationError(_("This verification link is not valid or has expired."))
    if user.is_active:
        return user
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user
