"""From the committee to the end of probation in a real browser (DEC, PUB, PRB), on the demo's second matter
(青岚县教育局办公室主任选拔, seeded ready for the committee): a meeting that lacks a quorum and says how many more
members are needed, an objection deferring the item, a second meeting passing the nominee by a secret vote with
voting codes, publicity from 2025-09-30 over the National Day holiday (ending 2025-10-14, the 调休 Saturday 10-11
counted), a report entered by a clerk holding the appointment until an organizer clears it, the talk, the
appointment (the registry file follows), and a probation ending in a six-month extension.

Days pass by restarting `serve --demo --rehearsal-date D` on the same database. Screenshots (1280 wide, and A4
PDFs of the minutes and the notice) go to $XUANREN_SCREENSHOTS/decisions.

Run alone: `python3 e2e/decision_flow.py` (starts its own server on XUANREN_E2E_PORT + 1)."""
import base64, os, shutil, subprocess, sys, tempfile, time, urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_test as bt
import ballot_flow
from registry_flow import click_and_wait

PORT = int(os.environ.get("XUANREN_E2E_PORT", "18282")) + 1
BASE = f"http://127.0.0.1:{PORT}"
DIR = os.path.join(bt.SHOTS, "decisions")
TITLE = "青岚县教育局办公室主任选拔"
ORG_PASSWORD = "Decision-flow-2026"


class Server:
    def __init__(self, tmp):
        self.tmp, self.proc = tmp, None
        self.bin = os.path.join(subprocess.check_output(["swift", "build", "--show-bin-path"], cwd=bt.ROOT, text=True).strip(), "xuanren")

    def start(self, day):
        self.stop()
        log = open(os.path.join(self.tmp, f"serve-{day}.log"), "w")
        self.proc = subprocess.Popen([self.bin, "serve", "--demo", "--rehearsal-date", day, "--db", os.path.join(self.tmp, "decision.sqlite"),
                                      "--port", str(PORT)], cwd=bt.ROOT, stdout=log, stderr=subprocess.STDOUT)
        for _ in range(240):
            try:
                urllib.request.urlopen(BASE + "/healthz", timeout=1)
                return
            except Exception:
                time.sleep(0.5)
        raise SystemExit("server did not start: " + open(log.name).read())

    def stop(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=20)
            self.proc = None


class Flow:
    def __init__(self, server):
        self.server, self.failures, self.d = server, [], None
        os.makedirs(DIR, exist_ok=True)

    def expect(self, ok, what):
        if not ok:
            self.failures.append(what)
            print("FAIL:", what)
        return ok

    def shot(self, name, d=None):
        d = d or self.d
        d.set_window_size(1280, 900)
        h = d.execute_script("return document.documentElement.scrollHeight")
        d.set_window_size(1280, max(600, min(h + 140, 9000)))
        d.save_screenshot(os.path.join(DIR, name + ".png"))

    def pdf(self, name):
        data = self.d.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": False})
        with open(os.path.join(DIR, name + ".pdf"), "wb") as f:
            f.write(base64.b64decode(data["data"]))

    def day(self, day, who="organizer"):
        """Restarts the server as if today were `day` and signs `who` in again."""
        if self.d:
            self.d.quit()
        self.server.start(day)
        self.d = bt.browser()
        self.sign_in(self.d, who)

    def sign_in(self, d, who):
        d.get(BASE + "/login")
        d.find_element(By.ID, "username").send_keys(who)
        d.find_element(By.ID, "password").send_keys(getattr(self, "pw_" + who, bt.DEMO_PASSWORD))
        bt.submit_and_wait(d)
        if d.current_url.endswith("/account/password"):
            new = ORG_PASSWORD
            d.find_element(By.ID, "currentPassword").send_keys(bt.DEMO_PASSWORD)
            d.find_element(By.ID, "newPassword").send_keys(new)
            d.find_element(By.ID, "confirmPassword").send_keys(new)
            bt.submit_and_wait(d)
            setattr(self, "pw_" + who, new)
        assert d.current_url.endswith("/dashboard"), d.current_url

    def text(self):
        return self.d.find_element(By.TAG_NAME, "main").text

    def error(self):
        e = self.d.find_elements(By.CSS_SELECTOR, ".notice.err, .error, [role=alert]")
        return " ".join(x.text for x in e)

    def submit(self, form_css, fields=None, selects=None, checks=()):
        """Fills and submits the first form matching `form_css`; returns after the next page has loaded."""
        form = self.d.find_element(By.CSS_SELECTOR, form_css)
        for name, value in (fields or {}).items():
            el = form.find_element(By.CSS_SELECTOR, f"[name='{name}']")
            if el.get_attribute("type") == "date":
                self.d.execute_script("arguments[0].value = arguments[1]", el, value)
            else:
                el.clear()
                el.send_keys(value)
        for name, value in (selects or {}).items():
            Select(form.find_element(By.CSS_SELECTOR, f"select[name='{name}']")).select_by_value(value)
        for css in checks:
            form.find_element(By.CSS_SELECTOR, css).click()
        old = self.d.find_element(By.TAG_NAME, "html")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        bt.WebDriverWait(self.d, 20).until(lambda drv: drv.find_element(By.TAG_NAME, "html") != old)

    def open_details(self):
        self.d.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")


def matter_url(f):
    f.d.get(BASE + "/matters")
    link = [a for a in f.d.find_elements(By.CSS_SELECTOR, "main a") if a.text.strip() == TITLE]
    assert link, "the demo's second matter is not listed"
    return link[0].get_attribute("href")


def committee(f):
    # 2025-09-26: the notice period is over; the matter goes to the committee
    f.day("2025-09-26")
    url = matter_url(f)
    f.d.get(url)
    f.shot("01-matter-ready")
    f.submit("form[action$='/advance']")
    f.expect("讨论决定" in f.text(), "the matter did not enter its committee stage")
    committee_url = url + "/committee"
    f.d.get(committee_url)
    f.expect(len(f.d.find_elements(By.CSS_SELECTOR, "#roster tbody tr")) == 7, "the roster of seven is not shown")
    f.submit("form[action$='/committee/meetings']", {"title": "县委常委会2025年第20次会议"})
    rows = f.d.find_elements(By.CSS_SELECTOR, "#attendance tbody tr")
    f.expect(len(rows) == 7, "attendance lists %d members" % len(rows))
    # DEC-1: five present, two absent — below 4/5 of seven
    for i in range(7):
        row = f.d.find_elements(By.CSS_SELECTOR, "#attendance tbody tr")[i]
        if i < 5:
            forms = row.find_elements(By.CSS_SELECTOR, "form")
            old = f.d.find_element(By.TAG_NAME, "html")
            forms[0].find_element(By.CSS_SELECTOR, "button").click()
        else:
            forms = row.find_elements(By.CSS_SELECTOR, "form")
            forms[1].find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("出差")
            old = f.d.find_element(By.TAG_NAME, "html")
            forms[1].find_element(By.CSS_SELECTOR, "button").click()
        bt.WebDriverWait(f.d, 20).until(lambda drv: drv.find_element(By.TAG_NAME, "html") != old)
    status = f.d.find_element(By.CSS_SELECTOR, "#attendance [role=status]")
    f.expect("还需 1 人到会" in status.text or "还需1人到会" in status.text.replace(" ", ""), "the quorum shortfall is not said: " + status.text)
    f.expect("err" in status.get_attribute("class"), "the shortfall is not shown as a warning")
    f.shot("02-no-quorum")
    # the nominee presented, opinions: four agree, one objects
    f.submit("form[action$='/present']", {"reasons": "近三年考核均为优秀，熟悉教育管理，群众公认度高", "presenter": "组织部部长 黄海燕"})
    members = [o.get_attribute("value") for o in f.d.find_elements(By.CSS_SELECTOR, "form[action$='/opinion'] select[name=member] option")]
    f.expect(len(members) == 5, "opinions are offered for %d present members" % len(members))
    for i, m in enumerate(members):
        if i < 4:
            f.submit("form[action$='/opinion']", selects={"member": m, "kind": "agree"})
        else:
            f.submit("form[action$='/opinion']", {"words": "对其分管工作中的问题需进一步核实"}, selects={"member": m, "kind": "object"})
    # a vote below quorum is refused with the figure
    f.submit("form[action$='/vote']", {k.get_attribute("name"): "5" if k.get_attribute("name").startswith("yes") else "0"
                                         for k in f.d.find_elements(By.CSS_SELECTOR, "form[action$='/vote'] input[type=number]")})
    err = f.error()
    f.expect("不足法定人数" in err and "还需1人到会" in err, "the vote below quorum was not refused in words: " + err)
    f.shot("03-vote-refused")
    f.d.get(committee_url)
    f.open_details()
    f.submit("form[action$='/defer']", {"reason": "有成员提出不同意见，需进一步核实后再议"})
    f.expect("缓议" in f.text(), "the item is not shown deferred")
    f.submit("form[action$='/close']", checks=["input[name=confirm]"])
    f.expect("缓议" in f.d.find_element(By.ID, "earlier").text, "the closed meeting does not list the deferred item")
    f.shot("04-deferred")

    # the next meeting: everyone present, every member agrees, a secret vote with voting codes
    f.submit("form[action$='/committee/meetings']", {"title": "县委常委会2025年第21次会议"})
    f.expect("第20次" in f.text(), "the item does not say it was deferred from the earlier meeting")
    for i in range(7):
        row = f.d.find_elements(By.CSS_SELECTOR, "#attendance tbody tr")[i]
        old = f.d.find_element(By.TAG_NAME, "html")
        row.find_elements(By.CSS_SELECTOR, "form")[0].find_element(By.CSS_SELECTOR, "button").click()
        bt.WebDriverWait(f.d, 20).until(lambda drv: drv.find_element(By.TAG_NAME, "html") != old)
    f.expect("符合" in f.d.find_element(By.CSS_SELECTOR, "#attendance [role=status]").text or "ok" in f.d.find_element(By.CSS_SELECTOR, "#attendance [role=status]").get_attribute("class"),
             "the quorum is not shown reached")
    f.submit("form[action$='/present']", {"reasons": "经进一步核实，反映问题不属实，符合任职条件", "presenter": "组织部部长 黄海燕"})
    for m in [o.get_attribute("value") for o in f.d.find_elements(By.CSS_SELECTOR, "form[action$='/opinion'] select[name=member] option")]:
        f.submit("form[action$='/opinion']", selects={"member": m, "kind": "agree"})
    f.open_details()
    for name in ["organizer", "supervisor", "inspector"]:
        box = f.d.find_element(By.CSS_SELECTOR, f"form[action$='/ballot'] input[name='custodians[]'][value='{name}']")
        if not box.is_selected():
            box.click()
    f.submit("form[action$='/ballot']")
    session = f.d.find_element(By.LINK_TEXT, "打开投票页面").get_attribute("href")
    f.shot("05-ballot-set-up")
    codes = ballot_flow.issue_codes(f.d, session, "members")
    f.expect(len(codes) == 7, "%d codes issued for 7 members present" % len(codes))
    f.d.get(session)
    bt.submit_and_wait(f.d, "form[action$='/open'] button")
    vote_url = session.replace("/ballots/", "/vote/")

    def yes(v):
        v.find_element(By.CSS_SELECTOR, "input[name=vote_c1][value=yes]").click()

    def no(v):
        v.find_element(By.CSS_SELECTOR, "input[name=vote_c1][value=no]").click()
    for i, code in enumerate(codes):
        v = bt.browser(420, 900)
        ballot_flow.cast(v, vote_url, code, yes if i < 6 else no)
        v.quit()
    f.d.get(session)
    ballot_flow.close_with_custodians(f.d, custodians=(("supervisor", bt.DEMO_PASSWORD), ("inspector", bt.DEMO_PASSWORD)))
    f.d.get(committee_url)
    f.submit("form[action$='/ballot/import']")
    record = f.text()
    f.expect("同意6票" in record and "决定" in record, "the imported vote (6 yes of 7) is not shown decided")
    f.shot("06-vote-passed")
    f.submit("form[action$='/close']", checks=["input[name=confirm]"])
    minutes = [a.get_attribute("href") for a in f.d.find_elements(By.CSS_SELECTOR, "#earlier a")]
    f.d.get(minutes[-1])
    page = f.text()
    f.expect("全体成员的2/3" in page and "SHA-256" in page, "the minutes lack the approval rule or their hash")
    f.shot("07-minutes")
    f.pdf("07-minutes")
    f.d.get(url)
    f.submit("form[action$='/advance']")
    f.expect("任前公示" in f.text(), "the matter did not go on to publicity")
    return url


def publicity(f, url):
    f.day("2025-09-30")
    pub = url + "/publicity"
    f.d.get(pub)
    f.submit("form[action*='/publicity/']", {"rank": "正科级"})
    page = f.text()
    f.expect("2025年10月14日" in page, "publicity from 2025-09-30 does not end on 2025-10-14")
    f.open_details()
    days = [li.text for li in f.d.find_elements(By.CSS_SELECTOR, "ol.days li")]
    f.expect(len(days) == 5 and any("10月11日" in x and "调休" in x for x in days), "the counted days: %s" % days)
    f.shot("08-publicity")
    f.d.get(url + "/public")
    f.expect("任前公示" in f.text() and "2025年10月14日" in f.text(), "the public page lacks the publicity and its end day")

    # 2025-10-09: a clerk enters a report; the appointment is on hold
    f.day("2025-10-09", who="clerk")
    f.d.get(pub)
    f.open_details()
    f.submit("form[action$='/reports']", {"summary": "来电反映其在原单位存在违规发放补贴问题"})
    f.expect("暂缓任职" in f.text(), "the report does not put the appointment on hold")
    f.shot("09-report-hold")

    # 2025-10-15: the period is over but the report is open: the matter cannot go on; cleared, it goes on
    f.day("2025-10-15")
    f.d.get(url)
    f.submit("form[action$='/advance']")
    f.expect("PUB-2" in f.error() or "举报" in f.error(), "advancing with an open report was not refused: " + f.error())
    f.d.get(pub)
    f.open_details()
    f.submit("form[action$='/resolve']", {"reason": "经核查，补贴发放有文件依据，反映问题不属实"}, checks=["input[value=cleared]"])
    f.shot("10-report-cleared")
    f.d.get(url)
    f.submit("form[action$='/advance']")
    f.expect("任职" in f.text(), "the matter did not go on to the appointment")
    f.d.get(pub)
    f.open_details()
    f.submit("form[action$='/talk']", {"officials": "县委副书记、县纪委书记、组织部部长"})
    f.submit("form[action$='/appoint']", {"document": "青组干〔2025〕45号"})
    f.expect("已任职" in f.text(), "the appointment is not shown")
    f.shot("11-appointed")
    notice = [a.get_attribute("href") for a in f.d.find_elements(By.CSS_SELECTOR, "main a") if a.text.strip() == "任职通知"]
    if f.expect(notice, "no link to the appointment notice"):
        f.d.get(notice[0])
        f.shot("12-notice")
        f.pdf("12-notice")
    f.d.get(url)
    f.submit("form[action$='/advance']")


def probation(f, url):
    f.day("2026-09-20")
    f.d.get(BASE + "/probation")
    f.expect("即将期满" in f.text(), "no reminder a month before the end of probation")
    f.shot("13-probation-due")
    f.day("2026-10-15")
    f.d.get(BASE + "/probation")
    f.open_details()
    f.submit("form[action$='/conclude']", {"report": "试用期满述职报告（2026年10月职工大会）"}, checks=["input[value=basicPass]"])
    f.expect("已延长" in f.text() and "2027年4月15日" in f.text(), "the basic pass does not extend the probation to 2027-04-15")
    f.shot("14-probation-extended")
    # LED-3: the person's table from nomination to the extension, each line with its ledger seq
    f.d.get(url + "/publicity")
    pid = f.d.find_element(By.CSS_SELECTOR, "section.card[id^='p-']").get_attribute("id")[2:]
    f.d.get(url + "/people/" + pid + "/table")
    table = f.text()
    for words in ["会议结束", "发布任前公示", "登记公示期间举报", "举报核查：不影响任用", "任职", "试用期满考核"]:
        f.expect(words in table, "the person's table lacks “%s”" % words)
    f.shot("15-person-table")
    f.pdf("15-person-table")


def main():
    started = time.time()
    tmp = tempfile.mkdtemp(prefix="xuanren-decision-")
    server = Server(tmp)
    f = Flow(server)
    try:
        f.day("2025-09-20")
        url = committee(f)
        publicity(f, url)
        probation(f, url)
    finally:
        if f.d:
            f.d.quit()
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    if f.failures:
        sys.exit("decision flow failed:\n- " + "\n- ".join(f.failures))
    print(f"decision flow passed in {time.time() - started:.0f} s; screenshots in {DIR}")


if __name__ == "__main__":
    main()
