import pytest
from django.db import transaction
from django.test import override_settings


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The matrix's world, built once per module inside a transaction rolled back at the end."""
    from tests.security.matrix import sign_in_everyone
    from tests.security.world import build_world

    media = tmp_path_factory.mktemp("matrix-files")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock():
        with transaction.atomic():
            world = build_world()
            sign_in_everyone(world)
            yield world
            transaction.set_rollback(True)
