import pytest

from theodoi.accounts import policy
from theodoi.plans.models import Assignment, Plan, Task


@pytest.fixture
def people(directory, loaded_plan, make_user):
    return {
        "admin": make_user("admin"),
        "coordinator": make_user("coordinator", directory["dn.khcn"]),
        "other_coordinator": make_user("coordinator", directory["sl.khcn"]),
        "reporter_vp": make_user("reporter", directory["dn.khcn.vp"]),
        "reporter_nv": make_user("reporter", directory["dn.nv"]),
        "reporter_sl": make_user("reporter", directory["sl.nv"]),
        "leader_khcn": make_user("unit_leader", directory["dn.khcn"]),
        "viewer": make_user("viewer", directory["dn"]),
        "viewer_sl": make_user("viewer", directory["sl"]),
    }


def visible_plans(user, action=policy.READ):
    return set(policy.restrict(Plan.objects.all(), user, action))


def test_coordinator_sees_and_reviews_the_plans_it_follows(people, loaded_plan):
    assert visible_plans(people["coordinator"], policy.REVIEW) == {loaded_plan}
    assert visible_plans(people["other_coordinator"]) == set()
    assert policy.can(people["coordinator"], policy.CHANGE, loaded_plan)


def test_units_taking_part_read_the_plan_but_not_review_it(people, loaded_plan):
    assert visible_plans(people["reporter_nv"]) == {loaded_plan}
    assert visible_plans(people["reporter_nv"], policy.REVIEW) == set()
    assert visible_plans(people["reporter_sl"]) == set()


def test_reporter_sees_only_its_own_units_assignments(people, loaded_plan):
    own = set(policy.restrict(Assignment.objects.all(), people["reporter_nv"]))
    assert own and {a.unit.code for a in own} == {"dn.nv"}
    assert not policy.restrict(Assignment.objects.all(), people["reporter_sl"]).exists()


def test_leader_of_a_department_sees_its_divisions_work(people):
    codes = {a.unit.code for a in policy.restrict(Assignment.objects.all(), people["leader_khcn"])}
    assert codes == {"dn.khcn.vp", "dn.khcn.cds", "dn.khcn.tt"}


def test_viewer_reads_plans_of_its_province_only(people, loaded_plan):
    assert visible_plans(people["viewer"]) == {loaded_plan}
    assert visible_plans(people["viewer_sl"]) == set()
    assert visible_plans(people["viewer"], policy.CHANGE) == set()


def test_admin_sees_everything_and_anonymous_nothing(people, loaded_plan):
    from django.contrib.auth.models import AnonymousUser

    assert visible_plans(people["admin"], policy.CHANGE) == {loaded_plan}
    assert visible_plans(AnonymousUser()) == set()
    assert not policy.restrict(Task.objects.all(), AnonymousUser()).exists()
