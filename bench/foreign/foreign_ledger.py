#!/usr/bin/env python3
"""A hazard ledger written the way Excel writes one (shared strings after the sheet,
dates as serial numbers with a date format, numbers as numbers, blank cells left out),
by a generator that shares nothing with anjian's bench: its own vocabulary, its own
distributions. Usage: foreign_ledger.py [--findings-heavy] OUT.xlsx ROWS [SEED [SENDER [TOWNS]]]
--findings-heavy: a ledger with a finding or two on every row, as an office's export can be: every
统一社会信用代码 one character too long (19), and 隐患来源 values outside 自查/执法检查 on about 4 rows in 7
(1M rows: 1,570,244 warnings); the rows otherwise as without it.
SENDER: the 填报单位 (default 鹤鸣县应急管理局); TOWNS: the county's townships, comma-separated
(default 鹤鸣县's) — so ledgers of several submitters of another county can be written."""
import random, sys, zipfile, datetime
from xml.sax.saxutils import escape

heavy = "--findings-heavy" in sys.argv
args = [a for a in sys.argv[1:] if a != "--findings-heavy"]
out, rows = args[0], int(args[1])
rnd = random.Random(int(args[2]) if len(args) > 2 else 20241105)
towns = ["玉带街道", "桃源镇", "石门镇", "新场镇", "鹤鸣县工业园区"]
sender = args[3] if len(args) > 3 else "鹤鸣县应急管理局"
if len(args) > 4:
    towns = args[4].split(",")
industries = ["应急管理", "交通运输", "住建", "市场监管", "文化旅游", "消防", "城镇燃气", "应急管理", "住建", "市场监管", "工贸", "特种设备"]
firms1 = ["鹤鸣", "川西", "蜀南", "天府", "华兴", "恒达", "宏远", "鑫源", "金鼎", "永安", "福瑞", "利民", "新兴", "嘉禾", "顺通", "万家", "长青", "盛世", "国泰", "东方"]
firms2 = ["机械", "建材", "化工", "物流", "商贸", "食品", "纺织", "建筑", "燃气", "石材", "木业", "塑料", "印务", "汽修", "酒业", "茶业", "家具", "电子", "冶金", "包装"]
firms3 = ["有限公司", "有限责任公司", "股份有限公司", "厂", "经营部", "合作社", "加工厂"]
places = ["车间", "仓库", "配电房", "生产线", "锅炉房", "厂区道路", "员工宿舍", "危化品库房", "喷涂作业区", "粉尘作业区", "有限空间", "施工现场", "储罐区", "装卸区", "食堂"]
things = ["消防通道被杂物堵塞", "灭火器压力不足且未定期检查", "电气线路私拉乱接", "安全出口指示标志损坏", "未设置可燃气体报警装置",
          "特种作业人员无证上岗", "粉尘除尘系统未按规定清理", "有限空间作业未执行审批制度", "防护栏杆缺失", "应急照明失效",
          "危险化学品未分类存放", "脚手架连墙件设置不足", "临边洞口未防护", "起重机械限位装置失效", "安全生产责任制未落实到岗位",
          "隐患排查记录不全", "未开展应急演练", "员工未经三级安全教育", "燃气管道老化锈蚀", "车辆超载运输"]
extras = ["，存在较大火灾风险", "，已责令立即整改", "，企业负责人已签字确认", "，需停产停业整顿", "，涉及重大事故隐患判定标准第三条",
          "，现场检查发现多处同类问题，要求企业举一反三全面排查", "", "", "", "，复查时仍未完全整改到位，已移交执法大队立案调查处理"]
levels = ["一般", "一般", "一般", "一般", "一般", "一般", "重大"]
sources = ["自查", "自查", "自查", "执法检查", "执法检查", "执法检查", "执法检查", "自查", "执法检查", "双随机抽查"]
if heavy:
    sources = ["自查", "执法检查", "日常检查", "专项检查", "双随机抽查", "举报核查", "联合执法", "暗查暗访", "自查", "执法检查",
               "自查", "执法检查", "日常检查", "专项检查"]
measures = ["立即清理", "更换设备", "停产整改", "限期整改", "加强培训", "完善制度", "设置防护设施", "委托专业机构检测"]
people = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"]
given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "建国", "德华"]
status = ["已整改", "已整改", "已整改", "整改中", "未整改"]
CH = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
def uscc():
    body = "91" + "519902" + "".join(rnd.choice(CH) for _ in range(9))
    s = sum(CH.index(c) * w for c, w in zip(body, W))
    return body + CH[(31 - s % 31) % 31] + ("0" if heavy else "")
nfirms = max(50, rows // 40)
firms = []
for i in range(nfirms):
    firms.append((rnd.choice(towns)[:2] + rnd.choice(firms1) + rnd.choice(firms2) + rnd.choice(firms3), uscc(), rnd.choice(towns), rnd.choice(industries)))
sst, sidx = [], {}
def s(text):
    i = sidx.get(text)
    if i is None:
        i = sidx[text] = len(sst); sst.append(text)
    return i
def col(c):
    return chr(65 + c)
EPOCH = datetime.date(1899, 12, 30)
def serial(d):
    return (d - EPOCH).days
start = datetime.date(2024, 1, 1)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="隐患台账" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    z.writestr("xl/styles.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy/m/d"/></numFmts><fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="4"><xf/><xf fontId="1" applyFont="1"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        buf = []
        def flush():
            f.write("".join(buf).encode("utf-8")); buf.clear()
        buf.append('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:O%d"/><sheetData>' % (rows + 3))
        buf.append('<row r="1"><c r="A1" t="s" s="1"><v>%d</v></c></row>' % s("鹤鸣县2024年度重大事故隐患排查整治台账"))
        buf.append('<row r="2"><c r="A2" t="s"><v>%d</v></c><c r="L2" t="s"><v>%d</v></c></row>' % (s("填报单位（盖章）：" + sender), s("填报日期：2024年11月5日")))
        header = ["企业（单位）名称", "统一社会信用代码", "所在乡镇", "行业领域", "隐患内容", "隐患级别", "排查日期", "隐患来源", "整改措施", "整改责任人", "整改资金(万元)", "整改时限", "整改情况", "完成时间", "备注"]
        buf.append('<row r="3">' + "".join('<c r="%s3" t="s" s="1"><v>%d</v></c>' % (col(c), s(h)) for c, h in enumerate(header)) + "</row>")
        for i in range(rows):
            r = i + 4
            name, code, town, ind = firms[int(rnd.paretovariate(1.2)) % nfirms] if rnd.random() < 0.7 else rnd.choice(firms)
            found = start + datetime.timedelta(days=rnd.randrange(300))
            desc = rnd.choice(places) + rnd.choice(things) + rnd.choice(extras)
            if rnd.random() < 0.15:
                desc += "（第%d次检查，检查人员%s%s、%s%s）" % (rnd.randint(1, 9), rnd.choice(people), rnd.choice(given), rnd.choice(people), rnd.choice(given))
            level = rnd.choice(levels)
            st = rnd.choice(status)
            cells = [(0, 's', s(name)), (1, 's', s(code)), (2, 's', s(town)), (3, 's', s(ind)), (4, 's', s(desc)), (5, 's', s(level)),
                     (6, 'd', serial(found)), (7, 's', s(rnd.choice(sources))), (8, 's', s(rnd.choice(measures))),
                     (9, 's', s(rnd.choice(people) + rnd.choice(given)))]
            if rnd.random() < 0.8:
                cells.append((10, 'n', round(rnd.uniform(0, 50), 2) if rnd.random() < 0.6 else rnd.randint(0, 20)))
            cells.append((11, 'd', serial(found + datetime.timedelta(days=rnd.choice([7, 15, 30, 60, 90])))))
            cells.append((12, 's', s(st)))
            if st == "已整改":
                cells.append((13, 'd', serial(found + datetime.timedelta(days=rnd.randrange(1, 40)))))
            if rnd.random() < 0.1:
                cells.append((14, 's', s(rnd.choice(["复查合格", "已销号", "挂牌督办", "县安委办督办", "企业申请延期"]))))
            parts = []
            for c, t, v in cells:
                ref = "%s%d" % (col(c), r)
                if t == 's':
                    parts.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, v))
                elif t == 'd':
                    parts.append('<c r="%s" s="2"><v>%d</v></c>' % (ref, v))
                else:
                    parts.append('<c r="%s"><v>%s</v></c>' % (ref, v))
            buf.append('<row r="%d">%s</row>' % (r, "".join(parts)))
            if len(buf) >= 2000:
                flush()
        buf.append('</sheetData><mergeCells count="1"><mergeCell ref="A1:O1"/></mergeCells></worksheet>')
        flush()
    with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
        f.write(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(sst), len(sst))).encode())
        for i in range(0, len(sst), 5000):
            f.write("".join("<si><t>%s</t></si>" % escape(t) for t in sst[i:i + 5000]).encode("utf-8"))
        f.write(b"</sst>")
