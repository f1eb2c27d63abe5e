"""gongkai settings: one module, driven by the environment.

Defaults give a working development system on SQLite under `var/`; production sets
`GONGKAI_ENV=production`, `SECRET_KEY`, `ALLOWED_HOSTS` and `DATABASE_URL` (see README).
"""

import os
import secrets
import time
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", Path.cwd() / "var")).resolve()


TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off", "")


def envbool(name: str, default: str = "False") -> bool:
    """A yes/no variable; anything else stops start-up (a typo must not silently mean False)."""
    value = os.environ.get(name, default)
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise _improperly_configured(
        f"环境变量 {name} 应为 true/false（或 1/0、yes/no、on/off），当前为「{value}」。"
        f" {name} must be true or false (1/0, yes/no, on/off), not {value!r}."
    )


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise _improperly_configured(f"环境变量 {name} 应为整数，当前为「{value}」。") from None


def envlist(name: str, default: str = "") -> list[str]:
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


def _improperly_configured(message: str):
    from django.core.exceptions import ImproperlyConfigured

    return ImproperlyConfigured(message)


GONGKAI_ENV = os.environ.get("GONGKAI_ENV", "development").strip().lower()
if GONGKAI_ENV not in ("development", "production"):
    raise _improperly_configured(f"GONGKAI_ENV 只能是 development 或 production，当前为「{GONGKAI_ENV}」。")
PRODUCTION = GONGKAI_ENV == "production"
DEBUG = envbool("DEBUG")  # off unless asked for
TESTING = envbool("GONGKAI_TESTING")


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    if PRODUCTION:
        raise _improperly_configured("生产环境（GONGKAI_ENV=production）必须设置 SECRET_KEY 环境变量。")
    # Development: generate once and keep it, so sessions survive restarts. O_EXCL: when two
    # processes start at once, one writes and both read the same key; 0600 from the first byte.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50))
    for _ in range(50):  # the other process may still be writing
        if key := path.read_text().strip():
            return key
        time.sleep(0.02)
    raise _improperly_configured(f"无法读取 {path}：文件为空。删除该文件后重新启动即可生成新密钥。")


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise _improperly_configured("生产环境必须设置 ALLOWED_HOSTS（本系统的域名，多个用逗号分隔）。")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "gongkai.agencies.admin_config.GongkaiAdminConfig",  # the Django admin, 系统管理员 only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "axes",
    "gongkai.agencies",
    "gongkai.audit",
    "gongkai.workcal",
    "gongkai.yearlocks",
    "gongkai.catalog",
    "gongkai.cases",
    "gongkai.remedies",
    "gongkai.reports",
    "gongkai.portal",
    "django_tasks",
    "django_tasks_db",
    "django.forms",  # the widget templates, for the project's form renderer below
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "gongkai.headers.SecurityHeadersMiddleware",
    "gongkai.requestguard.RejectNulMiddleware",  # NUL in a path or query: 400 before any view
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.agencies.context_processors.navigation",
                "gongkai.workcal.context_processors.calendar_gap",
                "gongkai.portal.context_processors.site",
            ],
        },
    },
]

# Every form renders labels, help text, required marks and errors the same accessible way
# (templates/forms/, 条例 第四十三条).
FORM_RENDERER = "gongkai.forms.AccessibleRenderer"

# -- database -----------------------------------------------------------------------------------


def database_config(url: str) -> dict:
    """Django's DATABASES entry for a database URL (sqlite:///path, postgres://user@host/name)."""
    # Persistent connections (issue 16: opening one per request cost more than many a page's queries):
    # a connection is kept DB_CONN_MAX_AGE seconds (0 = one per request, as before) and checked before a
    # request reuses it (CONN_HEALTH_CHECKS), so a database restart costs one failed ping, not one error.
    config = dj_database_url.parse(url, conn_max_age=envint("DB_CONN_MAX_AGE", 60),
                                   conn_health_checks=envbool("DB_CONN_HEALTH_CHECKS", "True"))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        if config["NAME"] not in ("", ":memory:"):
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # Concurrent requests wait (busy timeout, seconds) for the write lock instead of failing
        # with "database is locked"; IMMEDIATE takes the lock at BEGIN so two writers never deadlock;
        # WAL lets readers go on while one request writes.
        config["OPTIONS"] = {
            "timeout": envint("SQLITE_BUSY_TIMEOUT", 20),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    return config


DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"
DATABASES = {"default": database_config(DATABASE_URL)}
DATABASES["default"].setdefault("TEST", {})
if test_name := os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"]["NAME"] = test_name

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# -- cache (README「性能」) ------------------------------------------------------------------------
# What every visitor sees alike (menus, lists, feeds) is cached until something public changes
# (gongkai.publiccache). By default the cache lives in files under var/cache, shared by every process on
# this machine (the web workers and the task worker), so a publication or a withdrawal shows on every
# worker at once. CACHE_URL=redis://… shares one cache between machines.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL,
                          "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "gongkai")}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": str(VAR_DIR / "cache"), "OPTIONS": {"MAX_ENTRIES": 5000}}}
PUBLIC_CACHE_SECONDS = envint("PUBLIC_CACHE_SECONDS", 300)

# -- auth ---------------------------------------------------------------------------------------

AUTH_USER_MODEL = "agencies.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "gongkai.agencies.backends.RoleModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff-home"
LOGOUT_REDIRECT_URL = "home"

# Lockout after repeated failures (django-axes): 5 failures per user name and address → 30 minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = not envbool("AXES_DISABLED")
# Behind a reverse proxy set AXES_PROXY_COUNT=1 so the lockout keys on the client's address taken
# from X-Forwarded-For, not on the proxy's; without a proxy only REMOTE_ADDR is trusted.
# One function finds the client address for axes, the public throttles and the audit log
# (gongkai.clientip): the N-th X-Forwarded-For entry from the right behind N proxies.
GONGKAI_PROXY_COUNT = envint("AXES_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "gongkai.clientip.axes_client_ip"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# GONGKAI_HTTPS=1 declares that the site is served over HTTPS only: then the redirect, HSTS (one year,
# subdomains, preload) are on by default and `gongkai check --deploy` reports no warning. Each can still
# be set on its own (README「安全响应头」).
HTTPS = envbool("GONGKAI_HTTPS")
if PRODUCTION:
    # Behind nginx/Caddy terminating TLS (README「生产部署」).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(HTTPS))
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", str(HTTPS))
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", str(HTTPS))

# Content-Security-Policy (django-csp): everything from this site only; no inline script or style
# (htmx is a static file and needs neither; its indicator style is off in base.html); no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# -- i18n ---------------------------------------------------------------------------------------

LANGUAGE_CODE = "zh-hans"
LOCALE_PATHS = [BASE_DIR / "locale"]  # Chinese for third-party apps' strings in /admin/ (axes, django-tasks)
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# -- files --------------------------------------------------------------------------------------

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]  # site.css, htmx (gongkai/ is not itself an app)
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploads: one attachment at most UPLOAD_MAX_MB; larger request bodies are refused outright.
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_MB", 20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MB", 5) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_PERMISSIONS = 0o640
# Untrusted files (report imports, batch audits, catalogue imports) are parsed in a separate process
# with these limits (gongkai.core.untrusted); ZIP containers (ZIP, DOCX, XLSX) are checked by their
# declared sizes before anything is decompressed. ZIP_MAX_TOTAL_MB also bounds all archives of one request.
GONGKAI_PARSE_LIMITS = {
    "cpu_seconds": envint("PARSE_CPU_SECONDS", 60),
    "wall_seconds": envint("PARSE_WALL_SECONDS", 90),
    "memory_mb": envint("PARSE_MEMORY_MB", 1024),
}
GONGKAI_ARCHIVE_LIMITS = {
    "max_members": envint("ZIP_MAX_MEMBERS", 2000),
    "max_member_bytes": envint("ZIP_MAX_MEMBER_MB", 100) * 1024 * 1024,
    "max_total_bytes": envint("ZIP_MAX_TOTAL_MB", 200) * 1024 * 1024,
    "max_ratio": envint("ZIP_MAX_RATIO", 100),
}
# A batch audit (reports app) takes one ZIP of many reports: its own, larger limit (stored, not held in memory).
AUDIT_MAX_BYTES = envint("AUDIT_MAX_MB", 2048) * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# -- e-mail -------------------------------------------------------------------------------------

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gongkai@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Notices e-mailed to applicants (gongkai.cases.delivery): the PDF and the supplied files are attached
# up to this total size; above it the e-mail links to the tracking page, where they can be downloaded.
MAIL_ATTACH_MAX_BYTES = envint("MAIL_ATTACH_MAX_MB", 10) * 1024 * 1024
# Attempts of one e-mail delivery before it is shown to staff as 「发送失败」 (back-off 1, 4, 16 … min).
MAIL_DELIVERY_ATTEMPTS = envint("MAIL_DELIVERY_ATTEMPTS", 4)

# -- background tasks (Django's task API through the django-tasks backport; README「后台任务」) ------
# GONGKAI_TASKS selects the engine: "database" (default: the tasks table in the main database, run by
# `gongkai worker`, which `gongkai serve` starts beside the web server), "rq" (Redis + RQ workers on any
# number of machines, REDIS_URL) or "immediate" (run inside the caller; the test suite's default).
# Two queues: "default" (notices to applicants, deadline recomputation) before "bulk" (batch audits,
# imports), so that a province's 2,000-file audit never holds up a 受理回执.
TASK_QUEUES = ["default", "bulk"]
GONGKAI_TASKS = os.environ.get("GONGKAI_TASKS", "database").strip().lower()
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if GONGKAI_TASKS not in _TASK_BACKENDS:
    raise _improperly_configured(f"GONGKAI_TASKS 只能是 database、rq 或 immediate，当前为「{GONGKAI_TASKS}」。")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[GONGKAI_TASKS], "QUEUES": TASK_QUEUES}}
# RQ's queues (read by django-rq even when another engine is selected; connecting happens on use).
RQ_QUEUES = {name: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": envint("TASK_TIMEOUT_SECONDS", 1800)} for name in TASK_QUEUES}
if GONGKAI_TASKS == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]  # RQ's queue dashboard in /admin/ (系统管理员)

# -- limits on the public surfaces (README「访问限制」) ----------------------------------------------
GONGKAI_LIMITS = {
    # tracking look-ups (/track/): misses per client address, and per tracking code, within the window
    "TRACK_FAILURES_PER_CLIENT": envint("TRACK_FAILURES_PER_CLIENT", 10),
    "TRACK_FAILURES_PER_CODE": envint("TRACK_FAILURES_PER_CODE", 5),
    "TRACK_WINDOW_MINUTES": envint("TRACK_WINDOW_MINUTES", 15),
    # public application form (/apply/): submissions per client address per hour, and by everyone per minute
    "APPLY_PER_CLIENT_PER_HOUR": envint("APPLY_PER_CLIENT_PER_HOUR", 10),
    "APPLY_GLOBAL_PER_MINUTE": envint("APPLY_GLOBAL_PER_MINUTE", 60),
    # all attachments of one submission together (MB); each one is limited by UPLOAD_MAX_MB
    "APPLY_UPLOAD_TOTAL_MB": envint("APPLY_UPLOAD_TOTAL_MB", 30),
    # 「我为政府网站找错」 error reports (/zhaocuo/): per client address per hour, and by everyone per minute
    "ERROR_REPORT_PER_CLIENT_PER_HOUR": envint("ERROR_REPORT_PER_CLIENT_PER_HOUR", 5),
    "ERROR_REPORT_GLOBAL_PER_MINUTE": envint("ERROR_REPORT_GLOBAL_PER_MINUTE", 30),
}

# -- the site's identity in the footer (《政府网站发展指引》国办发〔2017〕47号; docs/law.md §10.3, README「网站标识」)
GONGKAI_SITE = {
    "SPONSOR": os.environ.get("GONGKAI_SITE_SPONSOR", ""),  # 主办单位
    "CONTACT": os.environ.get("GONGKAI_SITE_CONTACT", ""),  # 网站联系方式（电话或邮箱）
    "SITE_CODE": os.environ.get("GONGKAI_SITE_CODE", ""),  # 政府网站标识码, e.g. 1101090001
    "ICP": os.environ.get("GONGKAI_ICP", ""),  # ICP备案编号, e.g. 京ICP备12345678号
    "PSB": os.environ.get("GONGKAI_PSB_RECORD", ""),  # 公安机关备案号, e.g. 京公网安备 11010902000001号
}

# -- law: per-deployment choices where docs/law.md §7 leaves a question open ---------------------------------
# Each is documented in README「法律参数」; defaults are the conservative reading.
GONGKAI_LAW = {
    # Q7: whether 部分公开 replies carry the 复议前置 notice (行政复议法 第二十三条).
    "PARTIAL_REQUIRES_REVIEW_FIRST": envbool("GONGKAI_PARTIAL_REVIEW_FIRST", "True"),
    # Whether 36(七) replies (行政查询事项) carry the 复议前置 notice (gongkai.core.law.remedies).
    "SPECIAL_LAW_REQUIRES_REVIEW_FIRST": envbool("GONGKAI_SPECIAL_LAW_REVIEW_FIRST", "True"),
    # Working days before a due date that count as 「即将到期」.
    "DUE_SOON_WORKING_DAYS": envint("GONGKAI_DUE_SOON_DAYS", 3),
    # 第三十条 asks for 「合理的补正期限」 without a number: the 补正 form suggests this many working days
    # from the day after the notice (docs/law.md §9.5); staff may change it case by case.
    "CORRECTION_WORKING_DAYS": envint("GONGKAI_CORRECTION_DAYS", 15),
}

# -- logging ------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
