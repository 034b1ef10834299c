"""A report through the public 12380 form in a real browser (CAS-1, CAS-2), and the supervisor's case list (CAS-5).

An anonymous visitor opens the form from the home page's 监督举报 card, reports 青岚县财政局 without giving a name, and
gets the receipt: the case number and the receipt code, the code shown once, in its own element. With that code the
follow page shows the case as 已登记; a wrong code is refused in words. Then `supervisor` (纪检监察, 青岚县纪委监委)
signs in and finds the case number in /cases, opens it and reads what was reported.

Run against a running server: `python3 e2e/supervision_flow.py --base http://127.0.0.1:18555`. Without --base it
starts its own (`serve --demo` on a fresh database in a temp folder, port 18555; the binary from $XUANREN_BIN or
`swift build --show-bin-path`). Each run files one web report: the server takes five a day from one address
(`--report-daily-limit`). The supervisor's password: the demo's, or one set by an earlier check (this script's, the
browser checks', or $XUANREN_SUPERVISOR_PASSWORD). Screenshots go to $XUANREN_SCREENSHOTS/supervision."""
import argparse, os, re, shutil, subprocess, sys, tempfile, time, traceback, urllib.parse, urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_test as bt

DEFAULT_BASE = "http://127.0.0.1:18555"
DIR = os.path.join(bt.SHOTS, "supervision")
UNIT = "青岚县财政局"
NEW_PASSWORD = "Supervision-flow-2026"
TEXT = ("反映青岚县财政局在2026年股级干部选拔中，民主推荐未按规定范围组织，"
        "推荐票没有当场统计公布，部分参加推荐人员事先被打招呼，请予核查。")
NUMBER = re.compile(r"^JB\d{4}-\d{8}$")
CODE = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$")


class Flow:
    def __init__(self, base):
        self.base, self.failures = base.rstrip("/"), []
        os.makedirs(DIR, exist_ok=True)

    def expect(self, ok, what):
        if not ok:
            self.failures.append(what)
            print("FAIL:", what, flush=True)
        return ok

    def shot(self, d, name):
        d.set_window_size(1280, 900)
        h = d.execute_script("return document.documentElement.scrollHeight")
        d.set_window_size(1280, max(600, min(h + 160, 9000)))
        d.save_screenshot(os.path.join(DIR, name + ".png"))
        d.set_window_size(1280, 900)

    @staticmethod
    def main_text(d):
        return d.find_element(By.TAG_NAME, "main").text

    @staticmethod
    def error(d):
        return " ".join(x.text for x in d.find_elements(By.CSS_SELECTOR, ".notice.err, [role=alert]"))

    @staticmethod
    def click(d, el):
        """Clicks `el` and returns after the next page has loaded."""
        old = d.find_element(By.TAG_NAME, "html")
        d.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
        el.click()
        WebDriverWait(d, 30).until(lambda drv: drv.find_element(By.TAG_NAME, "html") != old)

    def sign_in(self, d, who):
        tried = []
        for password in [os.environ.get("XUANREN_SUPERVISOR_PASSWORD"), bt.DEMO_PASSWORD, NEW_PASSWORD, "Browser-pass-2026"]:
            if not password or password in tried:
                continue
            tried.append(password)
            d.get(self.base + "/login")
            d.find_element(By.ID, "username").send_keys(who)
            d.find_element(By.ID, "password").send_keys(password)
            self.click(d, d.find_element(By.CSS_SELECTOR, "form.form button[type=submit]"))
            if d.current_url.endswith("/login"):
                continue
            if d.current_url.endswith("/account/password"):
                d.find_element(By.ID, "currentPassword").send_keys(password)
                d.find_element(By.ID, "newPassword").send_keys(NEW_PASSWORD)
                d.find_element(By.ID, "confirmPassword").send_keys(NEW_PASSWORD)
                self.click(d, d.find_element(By.CSS_SELECTOR, "form.form button[type=submit]"))
            break
        assert d.current_url.endswith("/dashboard"), f"{who} could not sign in (tried {len(tried)} passwords): {d.current_url}"


def report(f):
    """The home page's card, the form, the receipt. Returns (case number, receipt code)."""
    d = bt.browser()
    try:
        d.get(f.base + "/")
        card = [c for c in d.find_elements(By.CSS_SELECTOR, "main section.card") if "监督举报" in c.text]
        assert f.expect(card, "the home page has no 监督举报 card"), "no way to the form"
        buttons = [a for a in card[0].find_elements(By.CSS_SELECTOR, "a.button")
                   if urllib.parse.urlparse(a.get_attribute("href")).path == "/report"]
        f.expect(buttons and buttons[0].is_displayed(), "the 监督举报 card has no visible button to the report form")
        if buttons:
            f.click(d, buttons[0])
        else:
            d.get(f.base + "/report")
        f.expect(urllib.parse.urlparse(d.current_url).path == "/report", f"the button leads to {d.current_url}")
        f.expect("12380" in d.title, f"the report form's title: {d.title!r}")
        f.shot(d, "01-report-form")

        form = d.find_element(By.CSS_SELECTOR, "main form[action$='/report']")
        units = {o.get_attribute("textContent").strip().strip("\u3000"): o.get_attribute("value")
                 for o in form.find_elements(By.CSS_SELECTOR, "select#unit option") if o.get_attribute("value")}
        assert f.expect(UNIT in units, f"{UNIT} is not offered as the reported unit: {sorted(units)}"), "no unit"
        Select(form.find_element(By.ID, "unit")).select_by_value(units[UNIT])
        kinds = [o for o in form.find_elements(By.CSS_SELECTOR, "select#kind option") if o.get_attribute("value")]
        assert f.expect(kinds, "the form offers no kind of problem"), "no kind"
        kind = kinds[0].get_attribute("textContent").strip()
        Select(form.find_element(By.ID, "kind")).select_by_value(kinds[0].get_attribute("value"))
        form.find_element(By.ID, "text").send_keys(TEXT)
        f.expect(not form.find_element(By.CSS_SELECTOR, "input[name=realName]").is_selected(), "the form starts as a real-name report")
        f.click(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))

        page = f.main_text(d)
        if "上限" in f.error(d):
            raise SystemExit("the server refused the report: " + f.error(d) + " (five web reports a day from one address; restart the server)")
        f.expect("举报已登记" in page, "the receipt does not say 举报已登记: " + (f.error(d) or page[:200]))
        f.shot(d, "02-receipt")

        # the case number, shown
        numbers = [x.text.strip() for x in d.find_elements(By.CSS_SELECTOR, "main .receipt dd strong") if NUMBER.match(x.text.strip())]
        f.expect(len(numbers) == 1, f"the receipt shows {len(numbers)} case numbers: {numbers}")
        number = numbers[0] if numbers else ""
        # the receipt code: one visible element, and nowhere else on the page
        codes = d.find_elements(By.ID, "receipt-code")
        f.expect(len(codes) == 1 and codes[0].is_displayed(), "the receipt code is not shown in one visible element #receipt-code")
        code = codes[0].text.strip() if codes else ""
        f.expect(CODE.match(code), f"the receipt code looks like {code!r}, not XXXX-XXXX-XXXX-XXXX-XXXX")
        body = d.find_element(By.TAG_NAME, "body").text
        f.expect(code and body.count(code) == 1, f"the receipt code appears {body.count(code) if code else 0} times in the page's text")
        f.expect(code and d.page_source.count(code) == 1, "the receipt code appears more than once in the page's source")
        f.expect("只显示这一次" in page, "the receipt does not say the code is shown only this once")
        prints = d.find_elements(By.CSS_SELECTOR, "main button[data-print]")
        f.expect(prints and prints[0].is_displayed(), "the receipt has no visible print button")
        f.expect(urllib.parse.urlparse(d.current_url).path == "/report", f"the receipt is at {d.current_url}")
        print(f"   filed {number} ({kind})", flush=True)

        # follow: the receipt's own link, a wrong code, then the right one
        links = [a for a in d.find_elements(By.CSS_SELECTOR, "main a") if urllib.parse.urlparse(a.get_attribute("href")).path == "/report/follow"]
        f.expect(links, "the receipt has no link to the follow page")
        if links:
            f.click(d, links[0])
        else:
            d.get(f.base + "/report/follow")
        wrong = "ABCD-EFGH-JKMN-PQRS-TVWX" if code != "ABCD-EFGH-JKMN-PQRS-TVWX" else "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"
        d.find_element(By.ID, "code").send_keys(wrong)
        f.click(d, d.find_element(By.CSS_SELECTOR, "main form[action$='/report/follow'] button[type=submit]"))
        f.expect(not d.find_elements(By.ID, "result"), "a wrong code shows a case")
        notices = " ".join(x.text for x in d.find_elements(By.CSS_SELECTOR, "main .notice"))
        f.expect("没有找到" in notices, "a wrong code is not refused in words: " + notices)
        d.find_element(By.ID, "code").send_keys(code.lower())  # as someone types it from paper
        f.click(d, d.find_element(By.CSS_SELECTOR, "main form[action$='/report/follow'] button[type=submit]"))
        result = d.find_elements(By.ID, "result")
        if f.expect(result and result[0].is_displayed(), "the follow page shows no case for the receipt code: " + (f.error(d) or f.main_text(d)[:200])):
            facts = dict(zip([x.text.strip() for x in result[0].find_elements(By.CSS_SELECTOR, "dt")],
                             [x.text.strip() for x in result[0].find_elements(By.CSS_SELECTOR, "dd")]))
            f.expect(facts.get("案件编号") == number, f"the follow page shows case {facts.get('案件编号')!r}, not {number}")
            f.expect(facts.get("办理状态") == "已登记", f"the follow page shows the state {facts.get('办理状态')!r}, not 已登记")
            f.expect(facts.get("问题类别", "") and facts["问题类别"] in kind, f"the follow page shows the kind {facts.get('问题类别')!r} ({kind} reported)")
            f.expect(TEXT[:12] not in result[0].text, "the follow page repeats what was reported")
        f.shot(d, "03-follow")
        return number, code
    finally:
        d.quit()


def supervisor_list(f, number):
    d = bt.browser()
    try:
        f.sign_in(d, "supervisor")
        nav = [a for a in d.find_elements(By.CSS_SELECTOR, "header nav a") if urllib.parse.urlparse(a.get_attribute("href")).path == "/cases"]
        f.expect(nav, "the supervisor's menu has no link to /cases")
        if nav:
            f.click(d, nav[0])
        else:
            d.get(f.base + "/cases")
        f.expect(not f.error(d), "the case list is refused: " + f.error(d))
        rows = [r for r in d.find_elements(By.CSS_SELECTOR, "main table.data tbody tr") if number in r.text]
        f.shot(d, "04-cases")
        if not f.expect(len(rows) == 1, f"the supervisor's list has {len(rows)} rows for {number}"):
            return
        cells = [c.text.strip() for c in rows[0].find_elements(By.TAG_NAME, "td")]
        f.expect(UNIT in cells, f"the row of {number} does not name {UNIT}: {cells}")
        f.expect("已登记" in cells, f"the row of {number} is not 已登记: {cells}")
        f.expect("网络举报" in cells, f"the row of {number} does not say 网络举报: {cells}")
        f.click(d, rows[0].find_element(By.CSS_SELECTOR, "a"))
        page = f.main_text(d)
        f.expect(number in page and TEXT in page, "the case page does not show the number and what was reported")
        f.expect("匿名" in page, "the case page does not say the report is anonymous")
        f.shot(d, "05-case")
    finally:
        d.quit()


class Server:
    """`serve --demo` on a fresh database, like the other flows."""
    def __init__(self, base):
        self.base, self.tmp, self.proc = base, tempfile.mkdtemp(prefix="xuanren-supervision-"), None

    def start(self):
        try:
            urllib.request.urlopen(self.base + "/healthz", timeout=1)
            raise SystemExit(f"{self.base} is already serving something: give --base {self.base} to use it, or stop it")
        except OSError:
            pass
        binary = os.environ.get("XUANREN_BIN") or os.path.join(
            subprocess.check_output(["swift", "build", "--show-bin-path"], cwd=bt.ROOT, text=True).strip(), "xuanren")
        port = urllib.parse.urlparse(self.base).port or 80
        log = open(os.path.join(self.tmp, "serve.log"), "w")
        self.proc = subprocess.Popen([binary, "serve", "--demo", "--db", os.path.join(self.tmp, "supervision.sqlite"),
                                      "--key", os.path.join(self.tmp, "key"), "--port", str(port), "--root", bt.ROOT],
                                     cwd=bt.ROOT, stdout=log, stderr=subprocess.STDOUT)
        for _ in range(240):
            if self.proc.poll() is not None:
                raise SystemExit("server stopped: " + open(log.name).read())
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            except Exception:
                time.sleep(0.5)
        self.stop()
        raise SystemExit("server did not start: " + open(log.name).read())

    def stop(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=20)
            self.proc = None
        shutil.rmtree(self.tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", help=f"a running server (default: start one at {DEFAULT_BASE})")
    args = ap.parse_args()
    started = time.time()
    server = None if args.base else Server(DEFAULT_BASE)
    if server:
        server.start()
    f = Flow(args.base or DEFAULT_BASE)
    try:
        number, _ = report(f)
        if number:
            supervisor_list(f, number)
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001 - a failure, reported with the others
        traceback.print_exc()
        f.expect(False, f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
    finally:
        if server:
            server.stop()
    if f.failures:
        sys.exit(f"supervision flow failed after {time.time() - started:.0f} s:\n- " + "\n- ".join(f.failures))
    print(f"supervision flow passed in {time.time() - started:.0f} s; screenshots in {DIR}")


if __name__ == "__main__":
    main()
