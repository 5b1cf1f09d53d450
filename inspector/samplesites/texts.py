"""Chinese wording for generated government content (titles, bodies, replies).

Everything is picked with a seeded ``random.Random`` so a scenario always renders the same text.
"""

from __future__ import annotations

import random

TOPICS = [
    "秸秆禁烧",
    "安全生产",
    "森林防火",
    "乡村振兴",
    "营商环境优化",
    "防汛抗旱",
    "城乡环境整治",
    "义务教育均衡发展",
    "医疗保障",
    "冬季清洁取暖",
    "农村人居环境整治",
    "高标准农田建设",
    "消防安全",
    "食品安全",
    "养老服务体系建设",
    "就业创业",
    "河湖长制",
    "文明城市创建",
    "招商引资",
    "生态环境保护",
    "耕地保护",
    "校园安全",
    "道路交通安全",
    "粮食生产",
    "数字政府建设",
    "政务服务提质增效",
]
LEADERS = ["县委书记张建国", "县长李明华", "常务副县长王志强", "副县长赵丽娟", "副县长孙国庆", "县委副书记刘卫东"]
TOWNS = ["城关镇", "王官庄镇", "连庄镇", "谢炉镇", "黄金庄乡", "坝营镇", "油坊镇"]
DEPTS = [
    "县发展和改革局",
    "县教育局",
    "县住房和城乡建设局",
    "县交通运输局",
    "县农业农村局",
    "县卫生健康局",
    "县人力资源和社会保障局",
    "县市场监督管理局",
    "县自然资源和规划局",
    "县应急管理局",
    "县民政局",
    "县水利局",
    "县财政局",
    "县城市管理综合行政执法局",
    "县生态环境分局",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["建华", "志刚", "秀英", "丽娟", "国强", "海燕", "文博", "晓东", "春梅", "立新", "永平", "雪梅"]

NEWS_TITLES = [
    "{county}召开{topic}工作推进会",
    "{leader}调研{topic}工作",
    "{county}部署{topic}专项行动",
    "{town}扎实推进{topic}",
    "{county}{topic}工作取得阶段性成效",
    "{county}举办{topic}培训班",
    "{leader}主持召开县政府常务会议",
    "{county}开展{topic}集中宣传活动",
]
DEPT_TITLES = [
    "{dept}召开{topic}专题会议",
    "{dept}开展{topic}督导检查",
    "{dept}扎实做好{topic}相关工作",
    "{dept}组织{topic}业务培训",
]
TOWN_TITLES = ["{town}召开{topic}动员会", "{town}多措并举推进{topic}", "{town}开展{topic}入户宣传"]
MEDIA_TITLES = [
    "《河北日报》：{county}{topic}见实效",
    "新华网：{county}探索{topic}新路径",
    "人民网：{county}多举措推动{topic}",
]
NOTICE_TITLES = [
    "关于做好{topic}工作的通知",
    "关于开展{topic}专项检查的公告",
    "{county}关于{topic}有关事项的通告",
    "关于{topic}工作的情况通报",
]
POLICY_TITLES = [
    "{county}人民政府办公室关于印发《{county}{topic}实施方案》的通知",
    "{county}人民政府关于进一步加强{topic}工作的意见",
    "{county}人民政府办公室关于印发《{county}{topic}三年行动计划》的通知",
]
PERSONNEL_TITLES = [
    "{county}人民政府关于{person}等同志职务任免的通知",
    "{year}年{county}事业单位公开招聘工作人员公告",
    "{year}年{county}公开招聘社区工作者拟聘用人员公示",
    "{county}干部任前公示",
]
PLAN_TITLES = [
    "{county}{year}年{topic}工作计划",
    "{county}“十四五”{topic}专项规划",
    "{county}{year}年国民经济和社会发展计划执行情况",
    "{county}{topic}发展规划（2026—2030年）",
]

QUESTION_SUBJECTS = [
    ("{town}{road}路面破损严重，何时维修？", "县交通运输局"),
    ("{town}小区停车位规划不合理", "县住房和城乡建设局"),
    ("孩子入学积分如何计算？", "县教育局"),
    ("{town}村卫生室长期无人值守", "县卫生健康局"),
    ("灵活就业人员社保缴费咨询", "县人力资源和社会保障局"),
    ("{town}农贸市场周边占道经营问题", "县城市管理综合行政执法局"),
    ("企业开办能否全程网上办理？", "县市场监督管理局"),
    ("{town}河道垃圾清理不及时", "县水利局"),
    ("农村危房改造补助申请条件", "县住房和城乡建设局"),
    ("高龄津贴发放时间咨询", "县民政局"),
    ("{town}养殖场异味扰民", "县生态环境分局"),
    ("耕地地力保护补贴何时发放？", "县农业农村局"),
]
ROADS = ["中华路", "人民路", "建设大街", "北环路", "振兴路", "迎宾大道", "油坊街"]


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def fill(template: str, rng: random.Random, county: str, year: int) -> str:
    return template.format(
        county=county,
        topic=rng.choice(TOPICS),
        leader=rng.choice(LEADERS),
        town=rng.choice(TOWNS),
        dept=rng.choice(DEPTS),
        person=person(rng),
        year=year,
        road=rng.choice(ROADS),
    )


def article_paragraphs(rng: random.Random, title: str, county: str, n: int = 4) -> list[str]:
    topic = rng.choice(TOPICS)
    pool = [
        f"为深入贯彻落实党中央、国务院和省委、省政府决策部署，扎实做好{topic}工作，{county}结合工作实际，认真研究部署相关任务。",
        f"会议指出，{topic}事关人民群众切身利益，各乡镇、各部门要切实提高政治站位，压实工作责任，确保各项措施落到实处。",
        "会议要求，要坚持问题导向，聚焦重点领域和薄弱环节，建立工作台账，明确责任单位和完成时限，以钉钉子精神抓好落实。",
        f"据了解，今年以来，{county}累计投入资金{rng.randint(120, 980)}万元，完成{topic}相关项目{rng.randint(8, 60)}个，群众满意度持续提升。",
        f"下一步，{county}将持续加大工作力度，强化督导检查，及时总结推广典型经验，推动{topic}工作取得更大成效。",
        "各有关单位要加强协调配合，形成工作合力；要加强宣传引导，营造全社会共同参与的良好氛围。",
    ]
    rng.shuffle(pool)
    return pool[:n]


def substantive_reply(rng: random.Random, asker: str, subject: str, unit: str, n_extra: int = 2) -> str:
    """A reply that states findings and a concrete result — never boilerplate."""
    measures = [
        f"经现场核查，您反映的情况属实。{unit}已于近期制定整改方案，安排专人负责，计划在{rng.randint(10, 30)}日内完成处理。",
        f"目前相关工作已完成{rng.randint(40, 90)}%，剩余部分预计于本月底前全部完成，届时将在{unit}门户网站公示办理结果。",
        (
            f"根据《{rng.choice(['河北省城乡规划条例', '社会保险法', '义务教育法', '城市道路管理条例', '道路交通安全法'])}》有关规定，"
            f"符合条件的可携带身份证、户口簿等材料到县政务服务中心{rng.randint(1, 30)}号窗口办理，办理时限为{rng.randint(3, 10)}个工作日。"
        ),
        f"针对您提出的建议，我们已会同{rng.choice(TOWNS)}组织{rng.randint(3, 12)}名工作人员开展专项整治，清理问题点位{rng.randint(5, 40)}处，并建立长效巡查机制。",
        f"如有其他疑问，可拨打{unit}业务科室电话0319-{rng.randint(8100000, 8199999)}，工作时间为周一至周五9:00—17:00。",
    ]
    rng.shuffle(measures)
    body = "".join(measures[: 2 + n_extra])
    return f"网友“{asker}”：您好！您反映的“{subject}”问题，{unit}高度重视，立即组织人员调查处理，现将办理结果答复如下：{body}"


def question_text(rng: random.Random, subject: str, town: str) -> str:
    parts = [
        f"我是{town}居民，想反映一下“{subject}”的问题。",
        "这个情况已经持续了一段时间，给周边群众生活带来不便。",
        "希望有关部门能够重视，尽快给予答复和处理。",
    ]
    return "".join(parts)


def long_question(rng: random.Random, subject: str, town: str) -> str:
    """A deliberately long question (for the 'reply far shorter than the question' plant)."""
    return (
        f"尊敬的领导：您好！我是{town}居民，今天想详细反映“{subject}”的问题。"
        "从去年开始，这个问题就一直存在，我们先后多次向村委会、镇政府反映，也打过热线电话，"
        "每次都说会尽快处理，但到现在也没有任何实质性的进展。周边住着两百多户居民，其中有不少老人和孩子，"
        "每天进出都非常不方便，雨天更是无法通行，已经有老人因此摔伤住院。附近的商户生意也受到很大影响，"
        "有的已经关门歇业。我们想请问：一是这个问题到底由哪个部门负责？二是有没有具体的解决时间表？"
        "三是在彻底解决之前，能否先采取一些临时措施，保障群众的基本出行和生活？"
        "恳请领导在百忙之中关注此事，给我们一个明确的答复，谢谢！"
    )
