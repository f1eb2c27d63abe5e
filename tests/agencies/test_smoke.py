def test_home_page_lists_agencies(client, cast):
    response = client.get("/")
    assert response.status_code == 200
    assert "北京市门头沟区科学技术和信息化局" in response.content.decode()


def test_staff_home_requires_login(client):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_staff_home_shows_roles(client, cast):
    client.force_login(cast.handler_a)
    body = client.get("/staff/").content.decode()
    assert "经办人" in body and "北京市门头沟区科学技术和信息化局" in body
