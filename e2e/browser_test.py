"""Browser checks with selenium + Debian's chromium: sign in, forced password change, pages per role,
language switch, phone width. Screenshots go to $XUANREN_SCREENSHOTS (default /tmp/xuanren-shots)."""
import os, shutil, subprocess, sys, tempfile, time, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHOTS = os.environ.get("XUANREN_SCREENSHOTS", "/tmp/xuanren-shots")
PORT = int(os.environ.get("XUANREN_E2E_PORT", "18282"))
BASE = f"http://127.0.0.1:{PORT}"
DEMO_PASSWORD = "Demo-2026-xr"


def start_server(tmp):
    try:
        urllib.request.urlopen(BASE + "/healthz", timeout=1)
        sys.exit(f"port {PORT} is already serving something; stop it or set XUANREN_E2E_PORT")
    except OSError:
        pass
    binpath = subprocess.check_output(["swift", "build", "--show-bin-path"], cwd=ROOT, text=True).strip()
    log = open(os.path.join(tmp, "serve.log"), "w")
    proc = subprocess.Popen([os.path.join(binpath, "xuanren"), "serve", "--demo", "--db", os.path.join(tmp, "e2e.sqlite"),
                             "--port", str(PORT)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(120):
        try:
            urllib.request.urlopen(BASE + "/healthz", timeout=1)
            return proc
        except Exception:
            time.sleep(0.5)
    proc.kill()
    sys.exit("server did not start: " + open(os.path.join(tmp, "serve.log")).read())


def browser(width=1280, height=900, lang="zh-CN"):
    opts = webdriver.ChromeOptions()
    for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}", f"--lang={lang}"]:
        opts.add_argument(a)
    opts.add_experimental_option("prefs", {"intl.accept_languages": lang})
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=opts)


def shot(d, name):
    os.makedirs(SHOTS, exist_ok=True)
    # full-page height
    h = d.execute_script("return document.documentElement.scrollHeight")
    w = d.get_window_size()["width"]
    d.set_window_size(w, max(600, min(h + 40, 4000)))
    d.save_screenshot(os.path.join(SHOTS, name + ".png"))


def submit_and_wait(d, selector="form.form button[type=submit]"):
    old = d.find_element(By.TAG_NAME, "html")
    d.find_element(By.CSS_SELECTOR, selector).click()
    WebDriverWait(d, 15).until(lambda drv: drv.find_element(By.TAG_NAME, "html") != old)


def sign_in(d, user, password=DEMO_PASSWORD, new_password="Browser-pass-2026"):
    d.get(BASE + "/login")
    d.find_element(By.ID, "username").send_keys(user)
    d.find_element(By.ID, "password").send_keys(password)
    submit_and_wait(d)
    if d.current_url.endswith("/login") and password != new_password:
        # an earlier check already changed this demo account's password
        d.find_element(By.ID, "username").clear()
        d.find_element(By.ID, "username").send_keys(user)
        d.find_element(By.ID, "password").send_keys(new_password)
        submit_and_wait(d)
    if d.current_url.endswith("/account/password"):
        shot(d, f"password-{user}")
        d.find_element(By.ID, "currentPassword").send_keys(password)
        d.find_element(By.ID, "newPassword").send_keys(new_password)
        d.find_element(By.ID, "confirmPassword").send_keys(new_password)
        submit_and_wait(d)
    assert d.current_url.endswith("/dashboard"), d.current_url


def main():
    tmp = tempfile.mkdtemp(prefix="xuanren-e2e-")
    proc = start_server(tmp)
    failures = []
    try:
        d = browser()
        d.get(BASE + "/")
        assert "选任" in d.title, d.title
        shot(d, "home-zh")
        d.get(BASE + "/login")
        shot(d, "login-zh")
        sign_in(d, "admin")
        assert "系统管理员" in d.page_source
        shot(d, "dashboard-admin")
        d.get(BASE + "/admin/units"); shot(d, "units")
        # bad input: error names the field
        d.find_element(By.ID, "name").send_keys("测试单位")
        code = d.find_element(By.ID, "code")
        d.execute_script("arguments[0].removeAttribute('pattern')", code)
        code.send_keys("BAD CODE")
        submit_and_wait(d)
        if "代码" not in d.find_element(By.CSS_SELECTOR, ".notice.err").text:
            failures.append("unit error does not name the field")
        shot(d, "units-error")
        d.get(BASE + "/admin/accounts"); shot(d, "accounts")
        d.get(BASE + "/ledger/entries"); shot(d, "ledger-entries")
        d.get(BASE + "/ledger")
        submit_and_wait(d, "main form.inline button")  # sign a checkpoint now
        if "检查点已签署" not in d.page_source:
            failures.append("checkpoint not signed")
        shot(d, "ledger-public")
        d.get(BASE + "/registry/cadres"); shot(d, "cadres")
        # language switch
        old = d.find_element(By.TAG_NAME, "html")
        d.find_element(By.CSS_SELECTOR, "a.lang").click()
        WebDriverWait(d, 15).until(lambda drv: drv.find_element(By.TAG_NAME, "html") != old)
        if "Cadre register" not in d.page_source:
            failures.append("language switch to English failed")
        shot(d, "cadres-en")
        d.get(BASE + "/dashboard"); shot(d, "dashboard-admin-en")
        d.quit()

        # organizer may not open admin pages
        d = browser()
        sign_in(d, "organizer")
        d.get(BASE + "/admin/units")
        if "没有权限" not in d.page_source:
            failures.append("organizer reached admin page")
        shot(d, "forbidden")
        # an error is a page of the site, not raw JSON (issue 17): the layout, the message, a way back home
        for path, words, name in [("/admin/units", "您没有权限访问此页面", "forbidden"), ("/no/such/page", "找不到此页面", "not-found")]:
            d.get(BASE + path)
            notice = d.find_elements(By.CSS_SELECTOR, "main p.notice.err")
            if '{"error"' in d.page_source or not d.find_elements(By.CSS_SELECTOR, "header.masthead nav.mainnav a"):
                failures.append(f"{path}: the error is not a page of the site")
            elif not notice or words not in notice[0].text:
                failures.append(f"{path}: the error page does not say {words}")
            elif not d.find_elements(By.CSS_SELECTOR, "main a[href='/']"):
                failures.append(f"{path}: the error page has no way back")
            shot(d, "error-" + name)
        d.quit()

        # a whole ballot: codes, votes without login, closing, result = xuanren tally on the published box
        import ballot_flow
        binpath = subprocess.check_output(["swift", "build", "--show-bin-path"], cwd=ROOT, text=True).strip()
        ballot_flow.run(BASE, os.path.join(binpath, "xuanren"), shot, organizer_password="Browser-pass-2026")

        # the registry: files, audit, imports, who qualifies, reserve pool, masking by role
        import registry_flow
        registry_flow.run(BASE, shot, sign_in, browser, failures, organizer_password="Browser-pass-2026")

        # a selection matter from its plan to the gates before the committee (screenshots and A4 PDFs in matters/);
        # before anyone signs in as supervisor or inspector: they close its votes with their demo passwords
        import matter_flow
        matter_flow.run(BASE, shot, sign_in, browser, failures, organizer_password="Browser-pass-2026")

        # phone width, English
        d = browser(390, 844, "en-US")
        d.get(BASE + "/")
        if "Xuanren" not in d.title:
            failures.append("English title missing: " + d.title)
        shot(d, "home-phone-en")
        sign_in(d, "supervisor")
        shot(d, "dashboard-supervisor-phone")
        d.quit()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        sys.exit("browser checks failed: " + "; ".join(failures))
    print(f"browser checks passed; screenshots in {SHOTS}")


if __name__ == "__main__":
    main()
