"""Who the bank's customers are and how they behave: every behavioural parameter of the simulation.

Arrays are indexed by persona id (the position in PERSONAS) or by lifecycle id, so whole populations
are parameterised with one fancy-indexing step. Tests read these same constants to check the generated
data. How the source systems garble what they record is not here but in mess.py.

Figures are illustrative: chosen to look like a US retail bank's book, not calibrated to one.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

# -- Personas and lifecycles -----------------------------------------------------------------------

PERSONAS = ("Frequent Traveler", "Young Parent", "Digital Native", "College Student", "Boomer")
TRAVELER, PARENT, DIGITAL, STUDENT, BOOMER = range(5)
PERSONA_WEIGHTS = np.array([0.15, 0.25, 0.25, 0.15, 0.20])

LIFECYCLES = ("active", "at_risk", "churned")
ACTIVE, AT_RISK, CHURNED = range(3)
LIFECYCLE_WEIGHTS = np.array([0.60, 0.25, 0.15])

# -- Demographics ----------------------------------------------------------------------------------

AGE_RANGE = np.array([[30, 62], [26, 42], [22, 38], [18, 24], [60, 82]])  # years, inclusive
FEMALE_SHARE = 0.5  # of customers, and of relationship managers
INCOME_MEDIAN = np.array([140_000, 85_000, 95_000, 14_000, 58_000.0])  # gross USD a year
INCOME_SIGMA = 0.35  # sigma of log(income) within a persona
# Amounts people spend scale with income within their persona: (income / persona median) ** elasticity,
# clipped, so a customer on twice the median spends about 1.4 times as much.
SPEND_SCALE_ELASTICITY = 0.5
SPEND_SCALE_RANGE = (0.5, 2.5)

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
SOLE_PROPRIETOR_PROB = np.array([0.08, 0.0, 0.08, 0.0, 0.0])  # customers banking as a sole proprietor
KYC_WEIGHTS = {"VERIFIED": 0.93, "PENDING_REVIEW": 0.04, "EXPIRED": 0.03}  # know-your-customer status
# Bank risk rating LOW, MEDIUM, HIGH: travellers move money abroad, so more of them rate higher.
RISK_WEIGHTS = np.array(
    [
        [0.45, 0.45, 0.10],
        [0.72, 0.24, 0.04],
        [0.72, 0.24, 0.04],
        [0.72, 0.24, 0.04],
        [0.72, 0.24, 0.04],
    ]
)
# Home branches are equally likely, except that some boomers live in the retirement towns.
RETIREMENT_TOWN_SHARE = 0.35  # of boomers
RETIREMENT_TOWN_BRANCHES = 2  # the last rows of seeds/branches.csv
PHONE_AREA_MOVED = 0.3  # customers whose phone's area code is not their home branch's (moved, kept the number)

# -- Onboarding and lifecycle timing ---------------------------------------------------------------

ONBOARDED_BEFORE_WINDOW = 0.85  # the rest join during the window
MAX_TENURE_YEARS = np.array([15, 15, 15, 4, 35])  # how long before the window a customer may have joined
JOIN_WITHIN_WINDOW_SHARE = 0.75  # new customers join within this first share of the window
MIN_ACCOUNT_AGE_YEARS = 18  # nobody opens an account younger
CHURN_EARLIEST_DAYS = 270  # churn comes at least ~9 months into a customer's time in the window
CHURN_LATEST_DAYS_BEFORE_END = 31  # and before the window's last month
# Churners wind down over 120 to 270 days (4-9 months) before they leave.
DECLINE_MIN_DAYS = 120
DECLINE_SPREAD_DAYS = 150
# At-risk customers start to slip 90 to 450 days before the window's end, and are still here at its end.
AT_RISK_DECLINE_MIN_DAYS_BEFORE_END = 90
AT_RISK_DECLINE_SPREAD_DAYS = 360
# Activity multiplier reached at the end of a decline: churned customers wind down further.
DECLINE_FLOOR = np.array([1.0, 0.45, 0.2])

# -- Product ownership -----------------------------------------------------------------------------

# Probability that a customer of each persona holds the product.
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
CD_TERM_WEIGHTS = np.array([0.5, 0.3, 0.2])  # CD holders' terms: 12, 24 and 60 months
# Products open after onboarding, more of them early on: open day = onboarding + horizon * U ** skew.
OPEN_DATE_SKEW = 1.5
NO_NEW_PRODUCTS_LAST_DAYS = 60  # nothing opens in the window's last two months
CHURNER_LAST_OPEN_DAYS = 30  # churned customers open nothing in their last month

# -- Product terms ---------------------------------------------------------------------------------

RATE_NOISE_SD = 0.004  # per-account spread around the product's base rate (cards take the base rate)
MORTGAGE_INCOME_MULTIPLE = (2.5, 4.5)  # loan amount as a multiple of gross income, typical US lending
AUTO_LOAN_USD = (15_000, 45_000)
PERSONAL_LOAN_USD = (3_000, 25_000)
STUDENT_LOAN_USD = (10_000, 60_000)
CD_MEDIAN_USD = np.array([20_000, 20_000, 20_000, 20_000, 40_000])  # boomers put more in CDs
CD_SIGMA = 0.6  # sigma of log(deposit)
CARD_LIMIT_SHARE_OF_INCOME = (0.15, 0.35)  # credit limit as a share of gross income
CARD_LIMIT_USD = (500, 50_000)  # limits are clipped to this range
REVOLVER_SHARE = 0.4  # card holders who carry a balance (roughly the US share)
REVOLVER_PAYMENT_SHARE = (0.08, 0.4)  # share of the statement balance a revolver pays each month

# -- Insurance -------------------------------------------------------------------------------------

LIFE_COVER_INCOME_MULTIPLE = (5, 12)  # the usual 5-12x income rule of thumb for term life
HOME_COVER_INCOME_MULTIPLE = 4  # a home insured at 4x income,
HOME_COVER_MIN_USD = 250_000  # at least this,
HOME_COVER_SPREAD = (0.9, 1.3)  # times this spread
AUTO_COVER_USD = (50_000, 100_000, 250_000)  # liability limits, equally likely
TRAVEL_COVER_USD = 50_000
LIFE_PREMIUM_RATE = 0.0006  # annual premium per dollar covered at 30,
LIFE_PREMIUM_AGE_FROM = 30  # rising by the full rate again every
LIFE_PREMIUM_AGE_STEP_YEARS = 15  # years of age past 30
HOME_PREMIUM_RATE = 0.004  # annual premium per dollar covered
AUTO_PREMIUM_USD = (1_100, 2_600)  # a year
TRAVEL_PREMIUM_USD = (180, 320)  # a year

# -- Balances on the window's first day ------------------------------------------------------------

CHECKING_OPENING_SIGMA = 0.5  # checking holds about a month's net pay: lognormal(0, sigma) months
SAVINGS_SHARE_OF_INCOME = np.array([0.35, 0.35, 0.35, 0.35, 1.2])  # savings scale with income, boomers' most
SAVINGS_OPENING_LOGNORMAL = (-0.5, 0.7)  # (mean, sigma) of log(multiplier) on that share
REVOLVER_OPENING_USE = (0.1, 0.5)  # share of the limit a revolver owes
TRANSACTOR_OPENING_USE = (0.0, 0.08)  # share of the limit the others owe (this month's purchases)
# Planted cross-sell signal: loan holders with a high savings balance.
HIGH_SAVINGS_GIVEN_LOAN = 0.15  # loan holders given a savings balance of $50k or more
HIGH_SAVINGS_THRESHOLD = 50_000.0
HIGH_SAVINGS_MARGIN = 1.2  # planted balances start this far above the threshold
HIGH_SAVINGS_MAX_USD = 150_000

# -- Income ----------------------------------------------------------------------------------------

NET_PAY_RATIO = 0.72  # take-home share of gross income
PAY_DAYS = (1, 15)  # semi-monthly payroll, moved to the previous business day
STUDENT_PAY_DAY = 15  # students' part-time jobs pay monthly
# Retirees: half their income as a pension on the 1st, half as Social Security on the 3rd (the SSA
# pays those who claimed before May 1997 on the 3rd).
PENSION_DAY = 1
SOCIAL_SECURITY_DAY = 3
PENSION_SHARE = 0.5
SOCIAL_SECURITY_SHARE = 0.5
YEARLY_RAISE = (0.0, 0.05)  # pay rises by a uniform 0-5% each calendar year
# Declining customers who move their payroll to another bank (per lifecycle), and how many days after
# their decline starts the last payroll arrives at most.
PAYROLL_REDIRECT_PROB = np.array([0.0, 0.35, 0.6])
PAYROLL_REDIRECT_DELAY_DAYS = 90
TAX_REFUND_PROB = 0.7  # earners who get a federal refund in a year (about 70% of US filers do)
TAX_REFUND_MONTH = 3  # it arrives in March,
TAX_REFUND_APRIL_SHARE = 0.5  # or in April
TAX_REFUND_MEDIAN_USD = 1_200  # times the customer's spend scale
TAX_REFUND_SIGMA = 0.6

# -- Subscriptions ---------------------------------------------------------------------------------

SUBSCRIPTION_COUNT_MEAN = np.array([1.5, 1.5, 3.5, 1.8, 0.6])  # Poisson mean of distinct services
MAX_SUBSCRIPTIONS = 5
SUBSCRIPTION_STARTS_LATER = 0.3  # start some time in the window's first half rather than before it
SUBSCRIPTION_CANCELLED = 0.2  # cancelled during the window,
SUBSCRIPTION_MIN_MONTHS = 3  # after at least this many months
# Billing day jitter: the same day of month give or take one.
SUBSCRIPTION_DAY_JITTER = np.array([-1, 0, 1])
SUBSCRIPTION_DAY_JITTER_P = np.array([0.15, 0.7, 0.15])

# -- Bills -----------------------------------------------------------------------------------------

UTILITY_BILLS_MEAN = np.array([2.0, 3.0, 2.0, 1.0, 3.0])  # each a monthly biller
STUDENT_MAX_UTILITY_BILLS = 1  # students pay at most one utility,
MIN_UTILITY_BILLS = 1  # everyone else at least one
UTILITY_MEDIAN_USD = 85  # a month, times the square root of the spend scale
UTILITY_SIGMA = 0.45
UTILITY_DAYS = (3, 27)  # billing day of month, drawn in [first, last)
UTILITY_WINTER_PEAK = 0.15  # seasonal swing: +15% in January, -15% in July
UTILITY_MONTHLY_NOISE = 0.08  # sd of the month-to-month factor,
UTILITY_MONTHLY_NOISE_CLIP = (0.75, 1.25)  # which stays in this range
# Rent, on the 1st, for customers without a mortgage: most boomers own outright, students mostly live in
# dorms or with family and pay a smaller share of a flat.
RENTER_PROB = np.array([0.7, 0.7, 0.7, 0.3, 0.25])
RENT_SHARE_OF_INCOME = 0.28  # monthly rent for renters, as a share of net income (the 30% rule, a bit under)
RENT_SPREAD = (0.8, 1.2)  # times this spread, rounded to $10
RENT_FLOOR_USD = np.array([450, 450, 450, 250, 450])
RENT_GROWTH = 1.03  # rent rises 3% a year
RENT_DAY = 1
# Loans and cards held at other banks: a cross-sell signal for the bank's own products.
EXTERNAL_LENDER_PROB = np.array([0.20, 0.35, 0.25, 0.08, 0.10])
EXTERNAL_CARD_PROB = np.array([0.15, 0.20, 0.20, 0.10, 0.05])
EXTERNAL_LOAN_PAYMENT_USD = (150, 900)  # a fixed monthly instalment
EXTERNAL_CARD_PAYMENT_MEDIAN_USD = 250  # card bills vary with what was spent
EXTERNAL_CARD_PAYMENT_SIGMA = 0.9

# -- Everyday spending -----------------------------------------------------------------------------

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
CARD_DECLINE_RATE = 0.025  # declined at random (more are declined when they would break the credit limit)
CARD_REVERSAL_RATE = 0.01  # settled, then reversed by the merchant

# -- Merchants ------------------------------------------------------------------------------------
# The merchant universe (merchants.py): the seed's brands are the national chains, generated brands
# add regional chains and local merchants. Counts per category are chosen so that local restaurants,
# cafes, shops and clinics make up most brands, as in the US Census County Business Patterns, where
# single-establishment firms are the large majority of retail and food-service firms.
GENERATED_BRANDS = dict(
    GROCERY=200,
    RESTAURANT=560,
    FAST_FOOD=330,
    GAS=60,
    PHARMACY=40,
    ECOMMERCE=220,
    ELECTRONICS=60,
    APPAREL=150,
    BABY=30,
    AIRLINE=6,
    HOTEL=70,
    CAR_RENTAL=8,
    RIDESHARE=5,
    ENTERTAINMENT=110,
    HOME_IMPROVEMENT=60,
    HEALTHCARE=120,
    BOOKS=45,
)
ONLINE_CATEGORIES = ("ECOMMERCE", "AIRLINE", "RIDESHARE")  # one location each, bought from anywhere
REGIONAL_CHAIN_SHARE = 0.06  # of generated physical brands: a few cities, a few stores in each
REGIONAL_CHAIN_CITIES = (2, 6)  # [low, high)
REGIONAL_CHAIN_STORES_PER_CITY = (1, 4)  # [low, high)
NATIONAL_CHAIN_CITY_PRESENCE = 0.85  # a national chain has stores in most of the bank's cities
NATIONAL_CHAIN_EXTRA_STORES_MEAN = 1.5  # Poisson, on top of the first store in a city
LOCAL_LOCATIONS_P = (0.8, 0.15, 0.05)  # a local merchant has 1, 2 or 3 locations, in one city
# Unrelated local merchants share a name in different cities (a "Golden Dragon" in most towns): the
# share of local brands named after a local brand of the same trade elsewhere. Name-only roll-ups merge them.
LOCAL_NAME_REUSE_SHARE = 0.03
# Popularity within a city and category is Zipf-like (weight 1 / rank**s): Axtell (2001, Science 293)
# finds US firm sizes Zipf-distributed with exponent close to 1. National chains rank first.
MERCHANT_ZIPF_EXPONENT = 1.0
# Most card-present spending is close to home: the Fed's Diary of Consumer Payment Choice records
# most in-person purchases in the home metro area. Travellers shop elsewhere more often.
AWAY_PURCHASE_SHARE = np.array([0.25, 0.06, 0.08, 0.08, 0.05])

# Weekday spending weights, Monday first: people shop more at the end of the week.
WEEKDAY_SPEND = np.array([0.85, 0.85, 0.9, 1.0, 1.25, 1.35, 1.0])
# Month-of-year factor on activity: a December peak and a January lull.
SEASONAL_SPEND = np.array([0.9, 0.88, 0.97, 0.98, 1.02, 1.04, 1.05, 1.03, 0.97, 1.0, 1.08, 1.25])
MIN_PURCHASE_CENTS = 50

# -- Cash and P2P ----------------------------------------------------------------------------------

ATM_COUNT_MEAN = np.array([1.0, 1.5, 0.5, 1.5, 3.0])  # cash withdrawals per month
BRANCH_CASH_SHARE = np.array([0.1, 0.1, 0.02, 0.05, 0.6])  # of cash withdrawals, taken at a branch
ATM_WITHDRAWAL_USD = {20: 0.1, 40: 0.25, 60: 0.2, 80: 0.15, 100: 0.2, 200: 0.1}  # amount: share
BRANCH_WITHDRAWAL_MEDIAN_USD = 300  # rounded to $10
BRANCH_WITHDRAWAL_SIGMA = 0.6
P2P_OUT_MEAN = np.array([1.0, 1.0, 3.0, 4.0, 0.2])
P2P_IN_MEAN = np.array([0.5, 0.5, 1.5, 3.5, 0.1])  # students: mostly family support
P2P_OUT_MEDIAN_USD = 35
P2P_IN_MEDIAN_USD = 60
P2P_FAMILY_TOPUP_MEDIAN_USD = 250  # parents topping up students
P2P_SIGMA = 0.5

# -- Card and loan servicing -----------------------------------------------------------------------

CARD_PAYMENT_DAY = 25  # last month's statement is paid on the 25th (or the business day before)
CARD_MIN_PAYMENT_CENTS = 3_500  # revolvers pay at least $35 (or the balance), a typical US card minimum
REVOLVER_MISSED_PER_SLIP = 0.15  # chance a revolver skips a payment, times how far they have slipped
TRAVEL_CARD_FEE_CENTS = 9_500  # the travel card's annual fee: $95, common for mid-tier US travel cards
# Loan instalments: missed, paid late or prepaid, more often missed and late while a customer slips.
LOAN_MISSED_BASE = 0.004
LOAN_MISSED_PER_SLIP = 0.08
LOAN_LATE_BASE = 0.03
LOAN_LATE_PER_SLIP = 0.12
LOAN_PREPAID_BASE = 0.03  # times (1 - slipping): only engaged customers prepay
LOAN_LATE_DAYS = (5, 21)  # days after the due date, drawn in [first, last), within the month
LOAN_PREPAID_EARLY_DAYS = (3, 11)  # days before the due date
LOAN_ON_TIME_EARLY_DAYS = (0, 3)  # autopay arrives on the due date or a day or two before
LOAN_PREPAYMENT = (0.5, 3)  # extra paid on a prepayment, as a multiple of the instalment

# -- Cash management -------------------------------------------------------------------------------

# Funding of accounts opened during the window.
CHECKING_OPENING_DEPOSIT = (0.5, 2)  # months of net pay
SAVINGS_OPENING_DEPOSIT_USD = (500, 5_000)
# Month-end (the 28th or the business day before): healthy customers sweep checking above the ceiling down
# to the target into savings, everyone tops checking back up to the target from savings when it falls below
# the floor, and money from another bank brings an overdrawn account back to the floor. Fractions of a month's
# net pay.
SWEEP_DAY = 28
SWEEP_FLOOR = Fraction(1, 5)
SWEEP_TARGET = Fraction(3, 2)
SWEEP_CEILING = Fraction(5, 2)
# Declining customers move money to another bank each month-end, times how far they have slipped.
DRAIN_SAVINGS_SHARE = 0.25  # of the savings balance
DRAIN_CHECKING_SHARE = 0.3  # of checking above the floor

# -- Brokerage -------------------------------------------------------------------------------------

BROKERAGE_POSITIONS = (2, 9)  # distinct securities per account, drawn in [first, last)
POSITION_SHARE_OF_INCOME = (0.05, 0.6)  # money in each position, as a share of gross income
COST_BASIS_SPREAD = (0.7, 1.1)  # cost basis relative to the value on the day the position was bought

# -- CRM: contacts, cases and tasks ----------------------------------------------------------------

CRM_CONTACT_PROB = 0.75
CRM_CONTACT_CREATED_DAYS = 60  # a contact is created within this many days of onboarding
CASE_RATE = np.array([0.04, 0.04, 0.03, 0.03, 0.05])  # complaints per month at full health
CASE_RATE_PER_SLIP = 5  # complaints multiply by (1 + this * slipping)
CASE_CATEGORY_WEIGHTS = {
    "Fees": 0.25,
    "Card Dispute": 0.2,
    "Fraud Alert": 0.12,
    "Digital Banking": 0.15,
    "Loan Servicing": 0.1,
    "Service Quality": 0.18,
    "Account Closure": 0.0,  # only churners' closing calls
}
CASE_PRIORITY_WEIGHTS = {"Low": 0.6, "Medium": 0.4}  # fraud alerts are always High
CHURNER_CLOSING_CALL = 0.7  # churners who call to close their accounts,
CLOSING_CALL_DAYS_BEFORE = 10  # up to this many days before they leave
CASE_RESOLVE_MEDIAN_DAYS = 3
CASE_RESOLVE_SIGMA = 1.0
CASE_RESOLVE_PER_SLIP = 2  # resolution takes (1 + this * slipping) times longer
CASE_ESCALATED_BASE = 0.04  # of resolved cases, escalated instead,
CASE_ESCALATED_PER_SLIP = 0.1  # plus this times slipping
SATISFACTION_MEAN = 4.1  # survey score 1-5 at full health,
SATISFACTION_DROP_PER_SLIP = 2.3  # falling by this times slipping
SATISFACTION_SD = 0.9
SURVEY_ANSWER_RATE = 0.7  # closed cases with a satisfaction score
TASK_RATE = np.array([0.35, 0.3, 0.25, 0.2, 0.45])  # service interactions per month
TASK_RATE_PER_SLIP = 0.8  # interactions multiply by (1 + this * slipping)
TRAVEL_NOTICE_SHARE = 0.4  # of travellers' tasks
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
TASK_DURATION_MEDIAN_SECONDS = np.array([60, 900, 420, 240])  # per channel, in CHANNELS order
TASK_DURATION_SIGMA = 0.6
TASK_OUTCOME_WEIGHTS = {"Resolved": 0.75, "Follow-up required": 0.18, "Transferred": 0.07}

# -- Digital app -----------------------------------------------------------------------------------

APP_USER_PROB = np.array([0.85, 0.80, 0.98, 0.95, 0.35])
APP_ANDROID_SHARE = 0.45  # of app users; the rest are on iOS (about the US split)
APP_REGISTRATION_DAYS = 365  # registration follows onboarding by up to a year
APP_SESSIONS_MEAN = np.array([6.0, 7.0, 13.0, 10.0, 2.0])  # per month when fully engaged
APP_DISPERSION = 2.0  # gamma shape of a user's persistent intensity
APP_ACTIVITY_EXPONENT = 1.5  # sessions fall faster than spending as a customer slips
# Sessions by hour of day (relative weights, normalised): a morning and an evening peak.
APP_HOUR_WEIGHTS = (
    np.array([0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 2, 4, 5, 4, 3, 3, 4.5, 4, 3, 3, 3.5, 4.5, 5, 5.5, 6, 5.5, 4, 2]) / 76.3
)
APP_SESSION_MEDIAN_SECONDS = 95
APP_SESSION_SIGMA = 0.8
APP_SESSION_MIN_SECONDS = 5
APP_ACTIONS_MEAN = 1.8  # Poisson mean of actions after the login
APP_LOGOUT_SHARE = 0.7  # sessions that end with an explicit logout
APP_EVENT_WEIGHTS = {  # what the actions are
    "login": 0,
    "view_balance": 0.36,
    "view_transactions": 0.25,
    "transfer": 0.11,
    "bill_pay": 0.08,
    "mobile_deposit": 0.05,
    "card_controls": 0.03,
    "offers_view": 0.06,
    "chat_support": 0.04,
    "update_profile": 0.02,
    "logout": 0.0,
}
APP_RELEASE_MONTHS = 4  # a release every four months,
APP_RELEASES = 12  # 5.0.0 to 5.11.0; sessions after the last one stay on it

# -- Relationship managers -------------------------------------------------------------------------

RMS_PER_BRANCH = 3
RM_PROB = np.array([0.45, 0.10, 0.08, 0.0, 0.35])  # customers with a relationship manager
RM_AFFLUENT_INCOME = 150_000  # above this gross income,
RM_AFFLUENT_PROB = 0.5  # customers get a relationship manager with this chance too
RM_NOTES_PER_MONTH = 0.15
RM_NOTES_PER_SLIP = 1.5  # notes multiply by (1 + this * slipping)
NOTE_NEGATIVE_BASE = 0.1  # negative notes: this plus
NOTE_NEGATIVE_PER_SLIP = 0.8  # this times slipping;
NOTE_POSITIVE_SHARE = 0.5  # of the rest, positive; the others neutral

# -- Time of day: (from hour, to hour) windows in which events happen ------------------------------

OVERNIGHT_BATCH_HOURS = (0, 2)  # interest the core system posts
PAYROLL_HOURS = (0, 4)  # payroll, pensions and benefits land overnight
TAX_REFUND_HOURS = (1, 5)
BILL_HOURS = (1, 6)  # ACH debits: utilities, rent, premiums, other lenders and card issuers
SUBSCRIPTION_HOURS = (0, 6)
CARD_AUTOPAY_HOURS = (6, 9)
LOAN_AUTOPAY_HOURS = (6, 10)
BRANCH_HOURS = (9, 17)  # branch cash and branch visits
EXTERNAL_TRANSFER_HOURS = (9, 17)  # money to and from other banks
ATM_HOURS = (7, 23)
P2P_HOURS = (8, 23)
CUSTOMER_TRANSFER_HOURS = (20, 24)  # customers' own transfers and month-end moves, in the evening
CRM_CONTACT_HOURS = (8, 20)
CASE_HOURS = (8, 21)  # cases opened and closed
REMOTE_TASK_HOURS = (7, 23)  # app, call-center and chatbot interactions
