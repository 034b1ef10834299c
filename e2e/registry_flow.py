"""Registry in the browser: list and filters, a cadre's file (three ages, audit, masking by role),
the printable form, LRMX and CSV imports with preview, who qualifies, reserve pool, alerts, settings."""
import os, re, tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

LRMX = """<?xml version="1.0" encoding="utf-8"?>
<Person>
  <XingMing>试导入</XingMing><XingBie>女</XingBie><ChuShengNianYue>198803</ChuShengNianYue><MinZu>汉族</MinZu>
  <RuDangShiJian>201006</RuDangShiJian><CanJiaGongZuoShiJian>201007</CanJiaGongZuoShiJian>
  <QuanRiZhiJiaoYu_XueLi>大学本科</QuanRiZhiJiaoYu_XueLi><QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi>集美大学会计学专业</QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi>
  <XianRenZhiWu>青岚县财政局副局长</XianRenZhiWu>
  <JianLi>2006.09--2010.07  集美大学会计学专业学习&#13;
2010.07--2016.03  青岚县财政局科员（科员）&#13;
2016.03--         青岚县财政局副局长（副科级）</JianLi>
  <NianDuKaoHeJieGuo>2021年度考核称职；2022年度考核称职；2023年度考核优秀；2024年度考核称职；2025年度考核称职</NianDuKaoHeJieGuo>
  <JiaTingChengYuan><Item><ChengWei>丈夫</ChengWei><XingMing>试家属</XingMing><ChuShengRiQi>198701</ChuShengRiQi><ZhengZhiMianMao>群众</ZhengZhiMianMao><GongZuoDanWeiJiZhiWu>教师</GongZuoDanWeiJiZhiWu></Item></JiaTingChengYuan>
  <ShenFenZheng>{rid}</ShenFenZheng><Version>3.2.1.6</Version>
</Person>
"""


def click_and_wait(d, css, within=None):
    """Clicks and waits for the next page."""
    old = d.find_element(By.TAG_NAME, "html")
    (within or d).find_element(By.CSS_SELECTOR, css).click()
    WebDriverWait(d, 15).until(lambda drv: drv.find_element(By.TAG_NAME, "html") != old)


def upload(d, base, path):
    d.get(base + "/registry/import")
    d.find_element(By.ID, "file").send_keys(path)
    click_and_wait(d, "form.form button[type=submit]")


def resident_id(body17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body17 + "10X98765432"[sum(int(a) * b for a, b in zip(body17, w)) % 11]


def run(base, shot, sign_in, browser, failures, organizer_password):
    tmp = tempfile.mkdtemp(prefix="xuanren-reg-")
    d = browser()
    sign_in(d, "organizer", password=organizer_password)
    d.get(base + "/registry/cadres")
    shot(d, "registry-list")
    d.get(base + "/registry/cadres?rank=%E5%89%AF%E7%A7%91%E7%BA%A7&maxAge=45")
    rows = d.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    if not rows or any("副科级" not in r.text for r in rows):
        failures.append("rank filter did not work")
    shot(d, "registry-filtered")
    # a file with a blocking discrepancy
    d.get(base + "/registry/cadres?blocking=1")
    d.find_element(By.CSS_SELECTOR, "table.data tbody tr a").click()
    WebDriverWait(d, 10).until(lambda drv: "/registry/cadres/" in drv.current_url)
    file_url = d.current_url
    if "不能任用" not in d.page_source:
        failures.append("blocking notice missing on a file with a blocking discrepancy")
    if "****" in d.find_element(By.CSS_SELECTOR, "dd.mono").text:
        failures.append("organizer sees a masked identity number")
    shot(d, "registry-file")
    # resolve the first finding
    form = d.find_elements(By.CSS_SELECTOR, "#audit form")
    if form:
        form[0].find_element(By.NAME, "reason").send_keys("已核对原始档案，以身份证为准")
        click_and_wait(d, "button", within=form[0])
        if "已核实" not in d.page_source:
            failures.append("resolution not shown")
    d.get(file_url + "/print")
    shot(d, "registry-print")
    # LRMX import: upload, preview, confirm
    path = os.path.join(tmp, "试导入.lrmx")
    open(path, "w", encoding="utf-8").write(LRMX.replace("{rid}", resident_id("35010219880315222")))
    d.get(base + "/registry/import")
    shot(d, "registry-import")
    upload(d, base, path)
    if "试导入" not in d.page_source:
        failures.append("LRMX preview does not show the person")
    shot(d, "registry-import-preview")
    click_and_wait(d, "button[value=import]")
    if "新建1人" not in d.page_source:
        failures.append("LRMX import did not report one created: " + d.find_element(By.TAG_NAME, "main").text[:200])
    # CSV with one bad row (GBK encoded, as WPS saves it)
    csv = "姓名,性别,出生年月,职级,单位\r\n表格甲,男,1985.04,科员,青岚县教育局\r\n表格乙,男,1985.13,处长,青岚县教育局\r\n"
    cpath = os.path.join(tmp, "名册.csv")
    open(cpath, "wb").write(csv.encode("gbk"))
    upload(d, base, cpath)
    if "第3行" not in d.page_source:
        failures.append("CSV preview does not list the bad line")
    shot(d, "registry-import-csv")
    click_and_wait(d, "button[value=import]")
    if "只导入没有问题" not in d.page_source or "notice err" not in d.page_source:
        failures.append("CSV with a bad row was not refused as a whole")
    d.find_element(By.NAME, "goodOnly").click()
    click_and_wait(d, "button[value=import]")
    if "新建1人" not in d.page_source:
        failures.append("good-rows CSV import did not create one")
    # who qualifies
    d.get(base + "/registry/qualify")
    d.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    WebDriverWait(d, 15).until(lambda drv: "reference=" in drv.current_url)
    if not re.search(r"符合条件 \d+", d.page_source):
        failures.append("who-qualifies shows no counts")
    shot(d, "registry-qualify")
    d.get(base + "/registry/alerts"); shot(d, "registry-alerts")
    # into the reserve pool from the file page
    d.get(file_url)
    d.find_element(By.CSS_SELECTOR, "details summary").click()
    click_and_wait(d, "details form button")
    if "已加入后备干部库" not in d.page_source:
        failures.append("reserve add failed")
    d.get(base + "/registry/reserve")
    if file_url.rsplit("/", 1)[1] not in d.page_source:
        failures.append("reserve list does not show the cadre")
    shot(d, "registry-reserve")
    d.get(base + "/dashboard"); shot(d, "dashboard-organizer")
    d.quit()
    # a clerk edits but sees the identity number masked and no family data
    d = browser()
    sign_in(d, "clerk")
    d.get(file_url)
    if "********" not in d.find_element(By.CSS_SELECTOR, "dd.mono").text:
        failures.append("clerk sees an unmasked identity number")
    shot(d, "registry-file-clerk")
    d.get(file_url + "/lrmx")
    if "没有权限" not in d.page_source:
        failures.append("clerk could export LRMX")
    d.quit()
    # the administrator edits the ladder
    d = browser(lang="en-US")
    sign_in(d, "admin", password=organizer_password)
    d.get(base + "/registry/settings"); shot(d, "registry-settings-en")
    d.quit()
