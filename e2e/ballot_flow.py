"""Ballot flow in a real browser: an organizer creates a session and issues codes, voters vote with codes
(no login, no JavaScript needed), the organizer closes; the page's result equals `xuanren tally` on the box."""
import time, json, os, re, subprocess, sys, urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import browser_test as bt


CUSTODIANS = ["organizer", "supervisor", "committee"]


def pick_custodians(d):
    """BAL-9: the organizer names three custodians on the new-session form; two of them open the box."""
    for name in CUSTODIANS:
        box = d.find_element(By.CSS_SELECTOR, f"input[name='custodians[]'][value='{name}']")
        if not box.is_selected():
            box.click()


def close_with_custodians(d, shot=None, name=None, custodians=(("supervisor", bt.DEMO_PASSWORD), ("committee", bt.DEMO_PASSWORD))):
    """The close form: two custodians pick their names and type their own passwords (the demo ones by default)."""
    form = d.find_element(By.CSS_SELECTOR, "form[action$='/close']")
    assert "监票人" in d.page_source and "任何人" in d.page_source, "the sealing notice is missing"
    for i, (who, password) in enumerate(custodians, start=1):
        Select(form.find_element(By.ID, f"custodian{i}")).select_by_value(who)
        form.find_element(By.ID, f"password{i}").send_keys(password)
    form.find_element(By.CSS_SELECTOR, "input[name=confirm]").click()
    if shot:
        shot(d, name)
    bt.submit_and_wait(d, "form[action$='/close'] button")


def issue_codes(d, session_url, category, shot=None):
    """Issues the codes still due to one voter category on the session page; returns them as printed on the slips."""
    d.get(session_url)
    form = d.find_element(By.CSS_SELECTOR, f"form[action$='/codes'] input[name=category][value={category}]").find_element(By.XPATH, "..")
    old = d.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button").click()
    bt.WebDriverWait(d, 15).until(lambda drv: drv.find_element(By.TAG_NAME, "html") != old)
    if shot:
        shot(d)
    return [e.text for e in d.find_elements(By.CSS_SELECTOR, ".slip-code")]


def check_qr(d, shot):
    """On the slips page just shown: a slip's QR code decodes (zbarimg) to the short voting link with the code after
    #c=; the page warns before it is left and has a print button. Scanning fills the code in; it does not use it."""
    assert d.find_elements(By.CSS_SELECTOR, "[data-warn-leave]"), "the slips page does not warn before leaving"
    assert d.find_element(By.CSS_SELECTOR, "[data-print]").is_displayed(), "no print button on the slips page"
    slip = d.find_elements(By.CSS_SELECTOR, ".slip")[0]
    code = slip.find_element(By.CSS_SELECTOR, ".slip-code").text
    link = slip.find_element(By.CSS_SELECTOR, ".slip-link").text
    png = "/tmp/xuanren-e2e-qr.png"
    slip.find_element(By.CSS_SELECTOR, ".slip-qr").screenshot(png)
    if shot:
        shot(d, "ballot-slips-qr")
    decoded = subprocess.check_output(["zbarimg", "--raw", "-q", png], text=True).strip()
    assert decoded == link + "#c=" + code, f"the QR code reads {decoded!r}, not {link}#c={code}"
    return decoded, code


def scan(scanned, shot):
    """Scanning a slip on a phone (the session open) opens the voting page with the code filled in and gone from the
    address bar."""
    decoded, code = scanned
    v = bt.browser(420, 900)
    v.execute_script("window.open(arguments[0], '_self')", decoded)
    bt.WebDriverWait(v, 15).until(lambda drv: "/vote/" in drv.current_url)
    time.sleep(0.5)
    assert v.find_element(By.ID, "code").get_attribute("value") == code, "the scanned code is not filled in"
    assert "#c=" not in v.current_url, "the code stays in the address bar"
    if shot:
        shot(v, "vote-scanned-phone")
    v.quit()


def clerk_reaches_paper_entry(base, shot):
    """The clerk's way in: 纸质选票录入 in the menu lists the open vote; its button opens the paper-entry form."""
    c = bt.browser()
    bt.sign_in(c, "clerk")
    dash = c.find_element(By.TAG_NAME, "main").text
    assert "录入纸质选票" in dash, "the clerk's dashboard does not list the vote to enter"
    menu = [a for a in c.find_elements(By.CSS_SELECTOR, "nav a") if a.text.strip() == "纸质选票录入"]
    assert menu, "the clerk's menu has no 纸质选票录入"
    old = c.find_element(By.TAG_NAME, "html")
    menu[0].click()
    bt.WebDriverWait(c, 15).until(lambda drv: drv.find_element(By.TAG_NAME, "html") != old)
    buttons = c.find_elements(By.CSS_SELECTOR, "main a.button")
    assert buttons, "the paper-entry list shows no open vote"
    if shot:
        shot(c, "clerk-paper-sessions")
    old = c.find_element(By.TAG_NAME, "html")
    buttons[0].click()
    bt.WebDriverWait(c, 15).until(lambda drv: drv.find_element(By.TAG_NAME, "html") != old)
    assert "/paper" in c.current_url and c.find_elements(By.CSS_SELECTOR, "main form"), "the paper-entry form did not open"
    if shot:
        shot(c, "clerk-paper-entry")
    c.quit()


def rank_fill(pick):
    """Fills a ranked ballot: the candidates' ids (c1, n2 …) in the order named."""
    def fill(v):
        for i, c in enumerate(pick):
            Select(v.find_element(By.ID, f"rank{i}")).select_by_value(c)
    return fill


def cast(v, vote_url, code, fill, shot=None, prefix="vote"):
    """One voter: the code, the ballot (`fill`), the confirmation; returns the tracking code (None without one).
    With `shot`, the three pages are saved as <prefix>-ballot/confirm/done-phone."""
    v.get(vote_url)
    v.find_element(By.ID, "code").send_keys(code)
    bt.submit_and_wait(v)
    fill(v)
    if shot:
        shot(v, f"{prefix}-ballot-phone")
    bt.submit_and_wait(v)
    if shot:
        shot(v, f"{prefix}-confirm-phone")
    bt.submit_and_wait(v, "form button[type=submit]:not([name=back])")
    tracking = v.find_elements(By.CSS_SELECTOR, ".tracking")
    if shot:
        shot(v, f"{prefix}-done-phone")
    return tracking[0].text if tracking else None


def run(base, xr, shot, organizer_password=bt.DEMO_PASSWORD):
    d = bt.browser()
    bt.sign_in(d, "organizer", password=organizer_password, new_password="Ballot-flow-2026")
    d.get(base + "/ballots/new")
    d.find_element(By.ID, "title").send_keys("县教育局副局长民主推荐（演示）")
    Select(d.find_element(By.ID, "kind")).select_by_value("weighted-recommendation")
    d.find_element(By.ID, "candidates").send_keys("王明\n李华\n张丽")
    cats = d.find_element(By.ID, "categories")
    cats.clear()
    cats.send_keys("leaders,0.4,2\nstaff,0.6,3")
    # a new session is for organizers and supervisors unless made public deliberately (this one is: its result and
    # box are checked from outside below)
    dis = Select(d.find_element(By.ID, "disclosure"))
    assert dis.first_selected_option.get_attribute("value") == "supervision", "a new session does not default to organizers and supervisors"
    dis.select_by_value("public")
    pick_custodians(d)
    shot(d, "ballot-new")
    bt.submit_and_wait(d)
    assert "/ballots/" in d.current_url, d.current_url
    session_url = d.current_url
    codes = []
    for category in ["leaders", "staff"]:
        codes += issue_codes(d, session_url, category, lambda drv: shot(drv, f"ballot-slips-{category}"))
    assert len(codes) == 5, codes
    scanned = check_qr(d, shot)   # on the staff slips just issued
    d.get(session_url)
    bt.submit_and_wait(d, "form[action$='/open'] button")
    scan(scanned, shot)
    clerk_reaches_paper_entry(base, shot)
    vote_url = session_url.replace("/ballots/", "/vote/")
    picks = [["c1", "c2"], ["c2"], ["c1", "c3", "c2"], [], ["c2", "c1"]]
    trackings = []
    for code, pick in zip(codes, picks):
        v = bt.browser(420, 900)
        first = code == codes[0]
        trackings.append(cast(v, vote_url, code.lower().replace("-", " "), rank_fill(pick), shot if first else None, "vote"))
        v.quit()
    # a used code is refused
    v = bt.browser()
    v.get(vote_url)
    v.find_element(By.ID, "code").send_keys(codes[0])
    bt.submit_and_wait(v)
    assert "只能使用一次" in v.page_source, "second use not refused"
    v.quit()
    d.get(session_url)
    shot(d, "ballot-open")
    # one custodian is not enough: the page says so and the session stays open
    form = d.find_element(By.CSS_SELECTOR, "form[action$='/close']")
    Select(form.find_element(By.ID, "custodian1")).select_by_value("supervisor")
    form.find_element(By.ID, "password1").send_keys(bt.DEMO_PASSWORD)
    Select(form.find_element(By.ID, "custodian2")).select_by_value("supervisor")
    form.find_element(By.ID, "password2").send_keys(bt.DEMO_PASSWORD)
    form.find_element(By.CSS_SELECTOR, "input[name=confirm]").click()
    bt.submit_and_wait(d, "form[action$='/close'] button")
    err = d.find_element(By.CSS_SELECTOR, ".notice.err").text
    assert "2名监票人" in err, err
    assert d.find_elements(By.CSS_SELECTOR, "form[action$='/close']"), "the close form is gone after a refusal"
    shot(d, "ballot-close-refused")
    close_with_custodians(d, shot, "ballot-close-custodians")
    shot(d, "ballot-closed")
    page_rows = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")] for tr in d.find_elements(By.CSS_SELECTOR, "section.result tbody tr")]
    box = urllib.request.urlopen(session_url.replace("/ballots/", "/ballots/") + "/box.json").read()
    for t in trackings:
        assert t.encode() in box, "tracking code missing from the box"
    with open("/tmp/xuanren-e2e-box.json", "wb") as f:
        f.write(box)
    table = subprocess.check_output([xr, "tally", "/tmp/xuanren-e2e-box.json"], text=True)
    for row in page_rows:
        line = next((l for l in table.splitlines() if l.split()[:1] == [row[0]] and row[1] in l), None)
        assert line is not None and all(cell in line for cell in row), f"page row {row} not in tally output:\n{table}"
    d.get(session_url + "/results")
    shot(d, "ballot-public-results")
    talks_double_majority(d, base, session_url, shot)
    d.quit()
    return len(codes)


def talks_double_majority(d, base, meeting_url, shot):
    """BAL-5: a talk recommendation paired with the meeting vote, without tracking codes (CAS-4);
    once both are closed, the double-majority table shows on the public page."""
    meeting_id = meeting_url.rstrip("/").split("/")[-1]
    d.get(base + "/ballots/new")
    d.find_element(By.ID, "title").send_keys("谈话推荐（演示）")
    Select(d.find_element(By.ID, "kind")).select_by_value("approval")
    Select(d.find_element(By.ID, "pairedWith")).select_by_value(meeting_id)
    Select(d.find_element(By.ID, "trackingCodes")).select_by_value("none")
    Select(d.find_element(By.ID, "disclosure")).select_by_value("public")
    d.find_element(By.ID, "candidates").send_keys("李华\n王明")
    d.find_element(By.ID, "members").send_keys("3")
    pick_custodians(d)
    quorum = d.find_element(By.ID, "quorum")
    quorum.clear()
    quorum.send_keys("2/3")
    bt.submit_and_wait(d)
    talks_url = d.current_url
    assert "/ballots/" in talks_url and "双过半" in d.page_source, talks_url
    bt.submit_and_wait(d, "form[action$='/codes'] button")   # the count defaults to the members not yet given a code
    codes = [e.text for e in d.find_elements(By.CSS_SELECTOR, ".slip-code")]
    assert len(codes) == 3, codes
    d.get(talks_url)
    bt.submit_and_wait(d, "form[action$='/open'] button")
    vote_url = talks_url.replace("/ballots/", "/vote/")
    for n, code in enumerate(codes):
        v = bt.browser(420, 900)
        v.get(vote_url)
        v.find_element(By.ID, "code").send_keys(code)
        bt.submit_and_wait(v)
        # 王明 (c2) yes on all three; 李华 (c1) yes on one
        v.find_element(By.CSS_SELECTOR, "input[name=vote_c2][value=yes]").click()
        v.find_element(By.CSS_SELECTOR, f"input[name=vote_c1][value={'yes' if n == 0 else 'no'}]").click()
        bt.submit_and_wait(v)
        bt.submit_and_wait(v, "form button[type=submit]:not([name=back])")
        assert not v.find_elements(By.CSS_SELECTOR, ".tracking"), "a tracking code was shown"
        assert "任何人都无法证明您投了什么" in v.page_source
        if n == 0:
            shot(v, "vote-done-no-tracking-phone")
        v.quit()
    d.get(talks_url)
    close_with_custodians(d)
    d.get(talks_url + "/results")
    rows = {tr.find_element(By.TAG_NAME, "th").text: [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            for tr in d.find_elements(By.CSS_SELECTOR, "section.pair tbody tr")}
    assert set(rows) >= {"王明", "李华"}, rows
    assert rows["李华"][-1] == "未达双过半", rows
    assert rows["王明"][0] == "3 / 3", rows
    box = urllib.request.urlopen(talks_url + "/box.json").read()
    assert b"tracking" not in box, "the box holds tracking codes"
    shot(d, "ballot-double-majority")
