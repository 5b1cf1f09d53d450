"""The national profile and the checks' own defaults say the same thing: one value per parameter."""

from __future__ import annotations

import pytest

from inspector.check import registry
from inspector.profile import load_profile
from inspector.settings import DEFAULT_PROFILE

PROFILE = load_profile(DEFAULT_PROFILE)


def test_every_parameterised_check_exists():
    unknown = sorted(set(PROFILE.check_params) - set(registry()))
    assert not unknown, f"profile parameters for checks that do not exist: {unknown}"


@pytest.mark.parametrize("check_id", sorted(PROFILE.check_params))
def test_profile_parameters_equal_the_check_defaults(check_id):
    check = registry()[check_id]
    params = PROFILE.check_params[check_id]
    undeclared = sorted(set(params) - set(check.defaults))
    assert not undeclared, f"{check_id}: the profile sets parameters the check does not declare: {undeclared}"
    differ = {k: (v, check.defaults[k]) for k, v in params.items() if check.defaults[k] != v}
    assert not differ, f"{check_id}: profile value ≠ check default (profile, default): {differ}"


def test_every_check_of_the_profile_is_installed():
    missing = sorted(set(PROFILE.checks) - set(registry()))
    assert not missing, f"the profile runs checks that are not installed: {missing}"
