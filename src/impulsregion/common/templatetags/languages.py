from django import template
from django.template.context import RequestContext
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context: RequestContext, code: str) -> str:
    """``{% language_url "en" %}``: this page in another language (same query), a plain link.

    A link needs no form and so no CSRF cookie, which would make every page uncacheable for
    a front cache; the language is the URL's prefix, so the link is all a switch needs.
    """
    request = context["request"]
    return translate_url(request.get_full_path(), code)
