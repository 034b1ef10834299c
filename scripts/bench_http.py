"""The benchmarks' HTTP client: a cookie session, GET, POST with the page's CSRF token, waiting for the server, and
signing in as the demo organizer (changing the seeded password on first use; later runs on the same database sign in
with the new one)."""
import http.cookiejar, re, time, urllib.error, urllib.parse, urllib.request


class Session:
    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.opener.addheaders = [("Accept-Language", "zh-CN")]

    def get(self, path):
        with self.opener.open(self.base + path, timeout=60) as r:
            return r.read().decode()

    def post(self, path, form, page):
        token = re.search(r'name="_csrf" value="([0-9a-f]+)"', self.get(page)).group(1)
        data = urllib.parse.urlencode({**form, "_csrf": token}).encode()
        with self.opener.open(urllib.request.Request(self.base + path, data=data), timeout=60) as r:
            return r.read().decode()

    def wait(self, tries=300):
        for _ in range(tries):
            try:
                self.get("/healthz"); return
            except Exception:
                time.sleep(0.2)

    def sign_in_organizer(self):
        try:
            page = self.post("/login", {"username": "organizer", "password": "Demo-2026-xr"}, "/login")
            if "currentPassword" in page:
                self.post("/account/password", {"currentPassword": "Demo-2026-xr", "newPassword": "Bench-pass-2026", "confirmPassword": "Bench-pass-2026"}, "/account/password")
        except urllib.error.HTTPError:
            self.post("/login", {"username": "organizer", "password": "Bench-pass-2026"}, "/login")
