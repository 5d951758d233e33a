import pytest
from django.utils import translation


@pytest.fixture
def english():
    """Run a test in English (the msgids), e.g. to compare error texts."""
    with translation.override("en"):
        yield
