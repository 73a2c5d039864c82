"""Who the bank's customers are: persona weights and every behavioural parameter of the simulation.

Arrays are indexed by persona id (the position in PERSONAS), so whole populations are parameterised
with one fancy-indexing step. Tests read these same constants to check the generated data.
"""

from __future__ import annotations

import numpy as np

PERSONAS = ("Frequent Traveler", "Young Parent", "Digital Native", "College Student", "Boomer")
TRAVELER, PARENT, DIGITAL, STUDENT, BOOMER = range(5)
PERSONA_WEIGHTS = np.array([0.15, 0.25, 0.25, 0.15, 0.20])

AGE_RANGE = np.array([[30, 62], [26, 42], [22, 38], [18, 24], [60, 82]])
INCOME_MEDIAN = np.array([140_000, 85_000, 95_000, 14_000, 58_000.0])
INCOME_SIGMA = 0.35

LIFECYCLES = ("active", "at_risk", "churned")
ACTIVE, AT_RISK, CHURNED = range(3)
LIFECYCLE_WEIGHTS = np.array([0.60, 0.25, 0.15])
# Activity multiplier reached at the end of a decline: churned customers wind down further.
DECLINE_FLOOR = np.array([1.0, 0.45, 0.2])

JOBS = {
    TRAVELER: [
        "Management Consultant",
        "Sales Director",
        "Regional Manager",
        "Account Executive",
        "Airline Pilot",
        "Business Development Lead",
        "Partner",
    ],
    PARENT: [
        "Registered Nurse",
        "Teacher",
        "Accountant",
        "Project Manager",
        "Electrician",
        "Pharmacist",
        "Operations Manager",
        "Dental Hygienist",
    ],
    DIGITAL: [
        "Software Engineer",
        "Product Designer",
        "Data Analyst",
        "Marketing Specialist",
        "UX Researcher",
        "DevOps Engineer",
        "Content Producer",
    ],
    STUDENT: ["Student", "Student", "Student", "Barista", "Library Assistant", "Tutor", "Retail Associate"],
    BOOMER: ["Retired", "Retired", "Retired", "Retired", "Consultant", "Part-time Bookkeeper"],
}
EMPLOYER_WORDS = {
    TRAVELER: ["Consulting Group", "Partners", "Global", "Advisors"],
    PARENT: ["Health System", "School District", "Services", "Construction"],
    DIGITAL: ["Labs", "Technologies", "Digital", "Software"],
    STUDENT: ["University", "Cafe", "Books", "Market"],
    BOOMER: ["Pension Trust", "Retirement Plan", "Associates", "Holdings"],
}
STUDENT_EMPLOYED = 0.55  # students with a payroll deposit
BOOMER_EMPLOYED = 0.2  # the rest of the boomers draw a pension and social security

# Product ownership: probability that a customer of each persona holds the product.
# Conditional products (life insurance given a mortgage, ...) are in the *_GIVEN_* arrays.
PRODUCT_PROB = {
    "SAV_HY": np.array([0.40, 0.45, 0.30, 0.20, 0.60]),
    "CC_CASH": np.array([0.55, 0.45, 0.50, 0.25, 0.30]),
    "CC_TRAVEL": np.array([0.30, 0.03, 0.05, 0.00, 0.03]),
    "LN_MORT": np.array([0.25, 0.35, 0.10, 0.00, 0.08]),
    "LN_AUTO": np.array([0.05, 0.15, 0.06, 0.01, 0.03]),
    "LN_PERS": np.array([0.03, 0.05, 0.05, 0.03, 0.02]),
    "LN_STUD": np.array([0.00, 0.04, 0.12, 0.30, 0.00]),
    "CD": np.array([0.06, 0.02, 0.02, 0.00, 0.30]),
    "INS_LIFE": np.array([0.05, 0.10, 0.02, 0.00, 0.10]),
    "INS_HOME": np.full(5, 0.02),
    "INS_AUTO": np.array([0.05, 0.08, 0.03, 0.02, 0.05]),
    "INS_TRAVEL": np.array([0.15, 0.01, 0.01, 0.01, 0.01]),
    "INV_BROK": np.array([0.25, 0.05, 0.15, 0.02, 0.35]),
}
# Planted cross-sell signals: these rates are what the answer key and tests measure against.
LIFE_GIVEN_MORTGAGE = 0.40  # so 60% of mortgage holders lack life insurance
HOME_GIVEN_MORTGAGE = 0.50
AUTO_INS_GIVEN_AUTO_LOAN = 0.50
HIGH_SAVINGS_GIVEN_LOAN = 0.15  # loan holders given a savings balance of $50k or more
HIGH_SAVINGS_THRESHOLD = 50_000.0
EXTERNAL_LENDER_PROB = np.array([0.20, 0.35, 0.25, 0.08, 0.10])
EXTERNAL_CARD_PROB = np.array([0.15, 0.20, 0.20, 0.10, 0.05])

# Discretionary spending: category weights per persona, and per-category amount distributions.
CATEGORIES = (
    "GROCERY",
    "RESTAURANT",
    "FAST_FOOD",
    "GAS",
    "PHARMACY",
    "ECOMMERCE",
    "ELECTRONICS",
    "APPAREL",
    "BABY",
    "AIRLINE",
    "HOTEL",
    "CAR_RENTAL",
    "RIDESHARE",
    "ENTERTAINMENT",
    "HOME_IMPROVEMENT",
    "HEALTHCARE",
    "BOOKS",
)
_W = {  # persona -> {category: weight}; normalised below
    TRAVELER: dict(
        AIRLINE=8,
        HOTEL=8,
        CAR_RENTAL=3,
        RESTAURANT=20,
        RIDESHARE=8,
        GROCERY=12,
        GAS=6,
        ECOMMERCE=8,
        APPAREL=6,
        ENTERTAINMENT=6,
        FAST_FOOD=8,
        PHARMACY=3,
        ELECTRONICS=2,
        HOME_IMPROVEMENT=2,
    ),
    PARENT: dict(
        GROCERY=30,
        BABY=15,
        PHARMACY=6,
        GAS=10,
        FAST_FOOD=8,
        RESTAURANT=6,
        ECOMMERCE=10,
        APPAREL=5,
        HOME_IMPROVEMENT=5,
        HEALTHCARE=3,
        ENTERTAINMENT=2,
    ),
    DIGITAL: dict(
        ECOMMERCE=28,
        RIDESHARE=10,
        FAST_FOOD=12,
        RESTAURANT=12,
        GROCERY=12,
        ELECTRONICS=5,
        APPAREL=7,
        ENTERTAINMENT=8,
        GAS=3,
        PHARMACY=3,
    ),
    STUDENT: dict(
        FAST_FOOD=35,
        GROCERY=12,
        ECOMMERCE=12,
        RIDESHARE=8,
        ENTERTAINMENT=10,
        RESTAURANT=6,
        APPAREL=5,
        BOOKS=6,
        GAS=3,
        PHARMACY=3,
    ),
    BOOMER: dict(
        PHARMACY=20,
        GROCERY=30,
        RESTAURANT=10,
        GAS=10,
        HEALTHCARE=8,
        HOME_IMPROVEMENT=6,
        APPAREL=4,
        ENTERTAINMENT=4,
        ECOMMERCE=4,
        FAST_FOOD=4,
    ),
}
CATEGORY_WEIGHTS = np.array([[_W[p].get(c, 0) for c in CATEGORIES] for p in range(5)], dtype=float)
CATEGORY_WEIGHTS /= CATEGORY_WEIGHTS.sum(axis=1, keepdims=True)
# Lognormal amounts: median in USD and sigma of log(amount). Heavy right tails, never uniform.
_AMOUNT = dict(
    GROCERY=(45, 0.6),
    RESTAURANT=(38, 0.6),
    FAST_FOOD=(11, 0.45),
    GAS=(42, 0.35),
    PHARMACY=(22, 0.7),
    ECOMMERCE=(35, 0.9),
    ELECTRONICS=(160, 0.9),
    APPAREL=(60, 0.7),
    BABY=(40, 0.6),
    AIRLINE=(380, 0.5),
    HOTEL=(210, 0.6),
    CAR_RENTAL=(160, 0.5),
    RIDESHARE=(18, 0.5),
    ENTERTAINMENT=(28, 0.6),
    HOME_IMPROVEMENT=(80, 0.9),
    HEALTHCARE=(90, 0.8),
    BOOKS=(35, 0.6),
)
AMOUNT_MEDIAN = np.array([_AMOUNT[c][0] for c in CATEGORIES], dtype=float)
AMOUNT_SIGMA = np.array([_AMOUNT[c][1] for c in CATEGORIES])
TRAVEL_CATEGORIES = np.array([c in ("AIRLINE", "HOTEL", "CAR_RENTAL", "RESTAURANT", "RIDESHARE") for c in CATEGORIES])
# Hour-of-day profile per category: (peak hour, spread in hours) mixtures, turned into weights.
_HOURS = dict(
    GROCERY=[(11, 2), (18, 2)],
    RESTAURANT=[(12.5, 1), (19.5, 1.5)],
    FAST_FOOD=[(8, 1), (12.5, 1), (21, 2)],
    GAS=[(8, 2), (17, 2)],
    PHARMACY=[(11, 3), (17, 2)],
    ECOMMERCE=[(13, 3), (21.5, 1.5)],
    ELECTRONICS=[(15, 3)],
    APPAREL=[(15, 3)],
    BABY=[(11, 3)],
    AIRLINE=[(10, 4), (20, 3)],
    HOTEL=[(16, 3), (22, 2)],
    CAR_RENTAL=[(10, 3)],
    RIDESHARE=[(8, 1.5), (18, 1.5), (23.5, 1.5)],
    ENTERTAINMENT=[(19.5, 2)],
    HOME_IMPROVEMENT=[(10, 2), (15, 2)],
    HEALTHCARE=[(10, 2), (14, 2)],
    BOOKS=[(14, 3)],
)


def _hour_profile(peaks: list[tuple[float, float]]) -> np.ndarray:
    hours = np.arange(24) + 0.5
    w = sum(np.exp(-0.5 * (np.minimum(abs(hours - h), 24 - abs(hours - h)) / s) ** 2) for h, s in peaks)
    w = w + 0.01  # a little activity at every hour
    return w / w.sum()


HOUR_WEIGHTS = np.array([_hour_profile(_HOURS[c]) for c in CATEGORIES])

# Monthly discretionary transaction counts: negative binomial (gamma-Poisson) around these means.
SPEND_COUNT_MEAN = np.array([32.0, 36.0, 42.0, 24.0, 18.0])
SPEND_DISPERSION = 4.0  # gamma shape: smaller = more over-dispersed month-to-month counts
PERSON_DISPERSION = 3.0  # persistent customer-level intensity
CARD_SHARE_IF_CARD = 0.8  # share of discretionary spend on the credit card when the customer has one
TRIP_MONTH_PROB = np.array([0.35, 0.04, 0.06, 0.03, 0.05])
FOREIGN_SHARE_ON_TRIP = 0.65
FOREIGN_CURRENCY_WEIGHTS = {"EUR": 0.4, "GBP": 0.2, "MXN": 0.15, "CAD": 0.12, "JPY": 0.1, "CHF": 0.03}
CURRENCY_COUNTRY = {"EUR": "FRA", "GBP": "GBR", "MXN": "MEX", "CAD": "CAN", "JPY": "JPN", "CHF": "CHE"}
CARD_DECLINE_RATE = 0.025
CARD_REVERSAL_RATE = 0.01

SUBSCRIPTION_COUNT_MEAN = np.array([1.5, 1.5, 3.5, 1.8, 0.6])
ATM_COUNT_MEAN = np.array([1.0, 1.5, 0.5, 1.5, 3.0])  # cash withdrawals per month
BRANCH_CASH_SHARE = np.array([0.1, 0.1, 0.02, 0.05, 0.6])  # of cash withdrawals, taken at a branch
P2P_OUT_MEAN = np.array([1.0, 1.0, 3.0, 4.0, 0.2])
P2P_IN_MEAN = np.array([0.5, 0.5, 1.5, 3.5, 0.1])  # students: mostly family support
UTILITY_BILLS_MEAN = np.array([2.0, 3.0, 2.0, 1.0, 3.0])  # each a monthly biller
RENT_SHARE_OF_INCOME = 0.28  # monthly rent for renters, as a share of net income
NET_PAY_RATIO = 0.72  # take-home share of gross income

# Engagement.
APP_USER_PROB = np.array([0.85, 0.80, 0.98, 0.95, 0.35])
APP_SESSIONS_MEAN = np.array([6.0, 7.0, 13.0, 10.0, 2.0])  # per month when fully engaged
CRM_CONTACT_PROB = 0.75
CASE_RATE = np.array([0.04, 0.04, 0.03, 0.03, 0.05])  # complaints per month at full health
TASK_RATE = np.array([0.35, 0.3, 0.25, 0.2, 0.45])  # service interactions per month
# Channel preference for service interactions: Mobile App, Branch, Call Center, Chatbot.
CHANNELS = ("Mobile App", "Branch", "Call Center", "Chatbot")
CHANNEL_WEIGHTS = np.array(
    [
        [0.30, 0.10, 0.45, 0.15],
        [0.30, 0.15, 0.35, 0.20],
        [0.45, 0.02, 0.13, 0.40],
        [0.40, 0.05, 0.15, 0.40],
        [0.05, 0.55, 0.38, 0.02],
    ]
)
RM_PROB = np.array([0.45, 0.10, 0.08, 0.0, 0.35])  # customers with a relationship manager
RM_NOTES_PER_MONTH = 0.15
