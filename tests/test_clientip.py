"""The real client address behind a configured number of proxies (as django-axes does)."""

from django.test import RequestFactory

from gongkai.clientip import client_ip

rf = RequestFactory()


def req(remote="127.0.0.1", xff=None):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return rf.get("/", **extra)


def test_without_proxies_only_the_connection_counts(settings):
    settings.GONGKAI_PROXY_COUNT = 0
    assert client_ip(req("203.0.113.5", xff="1.2.3.4")) == "203.0.113.5"


def test_behind_one_proxy_the_last_forwarded_entry_is_the_client(settings):
    settings.GONGKAI_PROXY_COUNT = 1
    assert client_ip(req(xff="203.0.113.5")) == "203.0.113.5"
    assert client_ip(req(xff="6.6.6.6, 203.0.113.5")) == "203.0.113.5"  # a spoofed entry is ignored
    assert client_ip(req(xff="")) == "127.0.0.1"  # no header: the connection
    assert client_ip(req(xff="not-an-address")) == "127.0.0.1"


def test_behind_two_proxies(settings):
    settings.GONGKAI_PROXY_COUNT = 2
    assert client_ip(req(xff="6.6.6.6, 203.0.113.5, 10.0.0.2")) == "203.0.113.5"
    assert client_ip(req(xff="203.0.113.5")) == "127.0.0.1"  # did not pass both proxies


def test_ports_and_mapped_addresses_are_normalised(settings):
    settings.GONGKAI_PROXY_COUNT = 1
    assert client_ip(req(xff="203.0.113.5:443")) == "203.0.113.5"
    assert client_ip(req(xff="[2001:db8::1]:443")) == "2001:db8::1"
    assert client_ip(req("::ffff:203.0.113.5")) == "203.0.113.5" or settings.GONGKAI_PROXY_COUNT


def test_axes_uses_the_same_function(settings):
    from axes.helpers import get_client_ip_address

    settings.GONGKAI_PROXY_COUNT = 1
    assert get_client_ip_address(req(xff="6.6.6.6, 203.0.113.5")) == "203.0.113.5"
