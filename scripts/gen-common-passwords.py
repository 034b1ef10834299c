#!/usr/bin/env python3
"""Writes Resources/common-passwords.txt: passwords an attacker tries first, refused when a password is chosen.

Generated from patterns (no list copied from elsewhere): common English words, pinyin words, names and
places, keyboard walks and digit runs, each with the suffixes people add (12, 123, 1314, years, !, @123…).
The check compares case-insensitively, so the list is lower case. Run: python3 scripts/gen-common-passwords.py
"""
import itertools
import os

# the words tried first: with every suffix
core = """
password passwd passw0rd p@ssword p@ssw0rd admin administrator root welcome iloveyou letmein changeme
qwerty asdf zxcv abc abcd abcdef test guest user login woaini aini china beijing xuanren zuzhibu ganbu
dangyuan zhengfu gov huawei xiaomi love secret hello master dragon monkey
""".split()

# other common words: with the usual suffixes
words = """
password passwd passw0rd p@ssword p@ssw0rd pass pwd mypassword admin administrator admin1 root superuser
sysadmin system server manager welcome welcome1 iloveyou iloveu letmein changeme default guest user login
test tester testing demo secret private hello hellokitty hi freedom whatever computer internet network
qwerty qwertyuiop asdf asdfgh asdfghjkl zxcv zxcvbn zxcvbnm abc abcd abcde abcdef abcdefg abcdefgh
monkey dragon football baseball basketball soccer tennis golf hockey sunshine princess master shadow
superman batman spiderman ironman michael jordan charlie trustno1 starwars pokemon naruto killer love
lovely lover loveyou angel angels baby babygirl flower summer winter spring autumn purple orange banana
apple samsung huawei xiaomi google microsoft windows linux oracle mysql database office office365
china chinese beijing shanghai tianjin chongqing guangzhou shenzhen hangzhou nanjing wuhan chengdu
xian fujian fuzhou xiamen quanzhou putian nanping jiangxi qinglan
woaini aini woaiwojia woainimen aiwo nihao zhongguo laopo laogong baobei xiaobao xiaoming xiaohong
mima mimamima wodemima zhanghao denglu tiantian kuaile xingfu pingan shengri qinqin jiayou haha hehe
xiaoxiao dada gege jiejie meimei didi mama baba yeye nainai xiaoyu xiaolong longlong feifei lele
yangyang jingjing tingting lili nana dandan huanhuan beibei
""".split()

# names, surnames and places: only with the most common suffixes
names = """
zhangwei wangwei wangfang liwei lina zhangmin lijing wangjing liuwei wangli zhangli lixin liuyang
zhangyong wangyong lijun zhangjun wangjun liqiang zhangqiang wangqiang chenjie wanglei zhanglei
zhang wang li liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie
song tang han feng deng cao peng zeng xiao tian dong yuan pan jiang cai yu du ye cheng su wei lv
ding ren shen yao lu jin shi
zuzhibu ganbu dangyuan dangwei zhengfu gongzuo bangong caiwu jiaoyu xuanren renshi kaohe
gov org edu oa xr
""".split()

walks = """
1234567890 0123456789 0987654321 9876543210 12345678901 123456789 12345678 1234567 123456 12345
1111111111 2222222222 3333333333 4444444444 5555555555 6666666666 7777777777 8888888888 9999999999 0000000000
11111111 88888888 66666666 1234512345 1212121212 1231231231 123123123 123123123123 123321123321 1122334455
5201314520 1314520520 5201314 13145201314 147258369 1472583690 159357159357 147852369 987654321
qwertyuiop qwertyuiop123 asdfghjkl asdfghjkl123 zxcvbnm zxcvbnm123 qwertyuiopasdfghjkl
1qaz2wsx 1qaz2wsx3edc 1qaz2wsx3edc4rfv 1qazxsw2 qazwsxedc qazwsxedcrfv qazwsx qazwsx123 zaq12wsx zaq1xsw2
!qaz2wsx !qaz@wsx 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1q2w3e q1w2e3r4 q1w2e3r4t5 q1w2e3r4t5y6 qwer1234
qwert12345 qwer123456 asdf1234 asdf123456 zxcv1234 zxcv123456 qwe123 qweasdzxc qweasdzxc123 qweasd123
qweqweqwe asdasdasd zxczxczxc abc123456 abc1234567 abc123456789 a1b2c3d4 a1b2c3d4e5 a1b2c3d4e5f6
aa123456 aa12345678 aaa123456 a123456 a1234567 a12345678 a123456789 a1234567890 abcd1234 abcd12345
abcd123456 abc12345678 123abc 123abc456 123qwe 123qweasd 123qweasdzxc qwe123456 qwe1234567 asd123456
zxc123456 1234qwer 1234qwerasdf 12345qwert 123456qwerty qwerty123 qwerty1234 qwerty12345 qwerty123456
1234abcd 123456abc 123456abcd 12345abcde 1234567a 12345678a 123456789a 1234567890a 1234567890q
abcdefg123 abcdefgh12 abcde12345 aaaaaaaaaa aaaaaa1111 qqqqqqqqqq qq123456 qq12345678 qq123456789
woaini1314 woaini520 woaini521 woaini5201314 aini1314 aini5201314 1314woaini 520woaini 5201314woaini
iloveyou1314 iloveyou520 5201314a 5201314abc a5201314 wo5201314
p@ssw0rd123 p@55w0rd passw0rd123 password1234 password12345 password123456 password2024
""".split()

suffixes = ["", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "123456789", "1234567890",
            "01", "007", "11", "111", "1111", "66", "666", "6666", "88", "888", "8888", "99", "999", "000", "00",
            "520", "521", "1314", "5201314", "!", "!!", "@", "#", "!@#", "@123", "#123", "!123", "123!", "123.",
            "_123", ".123", "@1234", "@12345", "123456!", "1234!", "12345!", "abc", "abc123", "qwe", "qwe123"]
suffixes += [str(y) for y in range(1990, 2031)] + ["@" + str(y) for y in range(2018, 2031)] + [str(y) + "!" for y in range(2020, 2031)]
prefixes = ["", "1", "123", "a", "qq", "my", "wo"]

short = ["", "1", "12", "123", "1234", "12345", "123456", "123456789", "888", "666", "520", "1314", "@123", "!"] + \
        [str(y) for y in range(2020, 2027)]

out = set(walks)
for w, s in itertools.product(core, suffixes):
    out.add(w + s)
for w, s in itertools.product(words + names, short):
    out.add(w + s)
for p, w in itertools.product(prefixes, core):
    out.add(p + w + "123")
    out.add(p + w + "123456")
for w in core + words:
    out.add(w + w)
    out.add(w + "." + w)
    out.add(w[::-1] + "123")
# only what someone could still choose: the length rule refuses anything shorter anyway
entries = sorted(x.lower() for x in out if len(x) >= 8)

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
with open(os.path.join(root, "Resources", "common-passwords.txt"), "w") as f:
    f.write("# Common passwords, refused when a password is set (compared case-insensitively).\n")
    f.write("# Generated by scripts/gen-common-passwords.py from patterns; edit that script, not this file.\n")
    f.write("\n".join(entries) + "\n")
print(len(entries), "entries")
