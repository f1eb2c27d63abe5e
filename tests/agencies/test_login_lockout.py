"""Login: Chinese pages, lockout after repeated failures (django-axes), the right hashers."""

from django.conf import settings


def _login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_a_good_login_lands_on_the_staff_home(client, cast):
    response = _login(client, "handler_a", "test-pass-123")
    assert response.status_code == 302 and response["Location"] == "/staff/"


def test_a_wrong_password_is_answered_in_chinese(client, cast):
    response = _login(client, "handler_a", "wrong")
    assert response.status_code == 200
    assert "请输入一个正确的用户名和密码" in response.content.decode()


def test_the_sixth_attempt_is_refused_with_the_chinese_lockout_page(client, cast):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert _login(client, "handler_a", "wrong").status_code == 200
    # The fifth failure locks the account (and says so) ...
    assert _login(client, "handler_a", "wrong").status_code == 429
    # ... so the sixth attempt is refused, even with the right password.
    response = _login(client, "handler_a", "test-pass-123")
    body = response.content.decode()
    assert response.status_code == 429
    assert "账户已锁定" in body and "登录失败次数过多（5 次）" in body and "30 分钟" in body
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_user_name(client, cast):
    for _ in range(5):
        _login(client, "handler_a", "wrong")
    assert _login(client, "handler_b", "test-pass-123").status_code == 302


def test_a_success_resets_the_failure_count(client, cast):
    for _ in range(4):
        _login(client, "handler_a", "wrong")
    assert _login(client, "handler_a", "test-pass-123").status_code == 302
    client.logout()
    for _ in range(4):
        assert _login(client, "handler_a", "wrong").status_code == 200
    assert _login(client, "handler_a", "test-pass-123").status_code == 302


def test_the_login_page_states_the_rule(client):
    body = client.get("/accounts/login/").content.decode()
    assert "连续登录失败 5 次，该账户将被锁定 30 分钟" in body
    assert '<label for="id_username">用户名' in body
