"""Who the bank's customers are and how they behave: every behavioural parameter of the simulation.

Arrays are indexed by persona id (the position in PERSONAS) or by lifecycle id, so whole populations
are parameterised with one fancy-indexing step. Tests read these same constants to check the generated
data. How the source systems garble what they record is not here but in mess.py.

Figures are illustrative: chosen to look like a US retail bank's book, not calibrated to one. The exception is
what people spend on: each age band's mix of spending is the BLS Consumer Expenditure Survey's (cited below).
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
# -- The customer's wallet at other institutions --------------------------------------------------

# Every person holds a few products elsewhere (wallet.py): at most one of each family below. Ownership is
# per persona (Traveler, Parent, Digital, Student, Boomer), loosely after the Federal Reserve's Survey of
# Consumer Finances 2022 (SCF: ~42% of families with a mortgage, ~34% with a vehicle loan, ~22% with
# education debt, ~45% carrying card balances, ~54% with retirement accounts) and shifted by life stage.
# Rates, terms and amounts are drawn from documented market ranges, cited per family.
EXTERNAL_OWNERSHIP = {
    "deposit": np.array([0.60, 0.50, 0.55, 0.35, 0.60]),  # most US families hold accounts at 2+ institutions
    "investment": np.array([0.60, 0.45, 0.45, 0.05, 0.55]),  # 401(k)/IRA/brokerage elsewhere (SCF ~54%)
    "mortgage": np.array([0.35, 0.40, 0.15, 0.00, 0.20]),  # only people without the bank's own mortgage
    "auto_loan": np.array([0.30, 0.40, 0.25, 0.05, 0.15]),
    "student_loan": np.array([0.05, 0.15, 0.35, 0.25, 0.00]),
    "personal_loan": np.array([0.05, 0.10, 0.10, 0.04, 0.03]),
    "credit_card": np.array([0.70, 0.60, 0.60, 0.35, 0.50]),  # ~82% of adults hold a card, most several
}
# Loans: (annual rate range), term choices in months with weights, principal range in USD (or a multiple of
# gross income), and the oldest a loan still open at the window's start can be, in months.
# Mortgages: Freddie Mac PMMS 30-year fixed averaged 2.7%-7.8% over 2019-2024; 30- and 15-year terms.
EXT_MORTGAGE_RATE = (0.027, 0.075)
EXT_MORTGAGE_TERMS = (np.array([360, 180]), np.array([0.85, 0.15]))
EXT_MORTGAGE_INCOME_MULTIPLE = (2.0, 4.5)
EXT_MORTGAGE_MAX_AGE_MONTHS = 150
# Auto: Federal Reserve G.19 new-car loans at finance companies / commercial banks 4%-9% (2019-2024), used
# cars higher (Experian: ~11%); terms 48-72 months; amounts around Experian's $26k used / $40k new averages.
EXT_AUTO_RATE = (0.04, 0.12)
EXT_AUTO_TERMS = (np.array([48, 60, 72]), np.array([0.2, 0.45, 0.35]))
EXT_AUTO_USD = (12_000, 45_000)
EXT_AUTO_MAX_AGE_MONTHS = 60
# Student: federal Direct Loan undergraduate rates 2.75%-6.53% (2020-2024 award years), private loans
# higher; the 10-year standard repayment plan. Students in the window are taken to be in repayment.
EXT_STUDENT_RATE = (0.0275, 0.085)
EXT_STUDENT_TERMS = (np.array([120]), np.array([1.0]))
EXT_STUDENT_USD = (8_000, 60_000)
EXT_STUDENT_MAX_AGE_MONTHS = 96
# Personal: G.19 24-month personal loans at commercial banks 9%-12.5% (2019-2024), fintech lenders up to ~25%.
EXT_PERSONAL_RATE = (0.09, 0.22)
EXT_PERSONAL_TERMS = (np.array([24, 36, 60]), np.array([0.35, 0.4, 0.25]))
EXT_PERSONAL_USD = (2_000, 25_000)
EXT_PERSONAL_MAX_AGE_MONTHS = 48
# Holdings opened inside the window rather than before it (uniformly over its months).
EXT_OPENS_IN_WINDOW = 0.15
# Cards: G.19 "interest rate on accounts assessed interest" rose from ~15% (2021) to ~22-23% (2024);
# about 45% of card holders carry a balance (Fed SHED). Limits as a share of income; purchases a month
# lognormal around a median (times the spend scale); revolvers pay a share of the statement that varies
# month to month, at least the minimum ($35 or 1% of the balance plus interest, the common US formula).
EXT_CARD_APR = (0.18, 0.29)
EXT_CARD_REVOLVER_SHARE = 0.45
EXT_CARD_LIMIT_SHARE_OF_INCOME = (0.1, 0.3)
EXT_CARD_LIMIT_USD = (500, 30_000)
EXT_CARD_PURCHASES_MEDIAN_USD = 450
EXT_CARD_PURCHASES_SIGMA = 0.6
EXT_CARD_REVOLVER_OPENING_USE = (0.1, 0.6)  # share of the limit a revolver owes when the window starts
EXT_CARD_REVOLVER_PAYMENT_SHARE = (0.05, 0.4)  # drawn afresh every month
EXT_CARD_MIN_PAYMENT_CENTS = 3_500
EXT_CARD_MIN_PAYMENT_SHARE = 0.01
# Deposits elsewhere: FDIC national rates 2023-2025 (savings ~0.4-0.6%, online banks 3.5-5%); balances a
# multiple of a month's net pay (lognormal). They earn interest and move by exactly the transfers the bank
# sees (EXO, EXI, DEP named after that institution); nothing else moves them, so the balance is exact.
EXT_DEPOSIT_RATE = (0.001, 0.045)
EXT_DEPOSIT_MONTHS_OF_PAY = (0.0, 1.0)  # (mean, sigma) of log(months of net pay)
# Investments elsewhere (401(k), IRA, brokerage): a multiple of gross income, growing with a market index
# (long-run US equities: ~7% a year real drift, ~15% volatility) plus a holding's own noise.
EXT_INVESTMENT_INCOME_MULTIPLE = np.array([1.2, 0.5, 0.6, 0.05, 2.5])  # median, times lognormal(0, sigma)
EXT_INVESTMENT_SIGMA = 0.8
EXT_MARKET_RETURN = (0.07, 0.15)  # annual drift and volatility of the shared index
EXT_INVESTMENT_NOISE = 0.02  # monthly sd of a holding's own return around the index
# Paid from the bank's checking account (ELP/ECP postings, exactly the instalment or statement payment on a
# fixed day) rather than from elsewhere (no flow): the rest never touch the bank.
EXT_LOAN_PAID_THROUGH_BANK = 0.55
EXT_CARD_PAID_THROUGH_BANK = 0.5
EXT_PAYMENT_DAYS = (5, 29)  # day of month drawn in [first, last); the previous business day stays in the month

# -- Everyday spending -----------------------------------------------------------------------------

# Discretionary spending: per-category amount distributions, and which category each purchase goes to.
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
# Which category a purchase goes to. Shares of spending by age band are calibrated to the BLS Consumer
# Expenditure Survey; each persona keeps its signature as a multiplicative tilt on top, never as an exclusive set.
#
# Source: U.S. Bureau of Labor Statistics, Consumer Expenditure Surveys 2024, "Age of reference person: Annual
# expenditure means, shares, standard errors, and relative standard errors" (calendar-year table, released
# September 2025), https://www.bls.gov/cex/tables/calendar-year/mean-item-share-average-standard-error/
# reference-person-age-ranges-2024.xlsx. Annual means in USD per consumer unit, for the age bands below.
AGE_BANDS = ("Under 25", "25-34", "35-44", "45-54", "55-64", "65 and older")
AGE_BAND_FLOORS = np.array([25, 35, 45, 55, 65])  # a purchase's band: age on the purchase day
CE_ITEMS_USD = {
    "Food at home": (4189, 5712, 7411, 7703, 6174, 5251),
    "Food away from home": (3025, 3918, 5049, 5069, 4040, 2689),
    "Gasoline": (1706, 2444, 2829, 3379, 2522, 1623),
    "Drugs": (169, 284, 559, 698, 794, 898),
    "Medical supplies": (93, 117, 167, 241, 252, 344),
    "Medical services": (302, 811, 1312, 1427, 1352, 1449),
    "Apparel and services": (1541, 2220, 2649, 2547, 2032, 1198),
    "Children under 2": (61, 207, 135, 41, 30, 19),
    "Boys, 2 to 15": (9, 91, 253, 119, 45, 19),
    "Girls, 2 to 15": (7, 116, 285, 155, 51, 29),
    "Audio and visual equipment and services": (559, 737, 901, 1045, 1130, 1048),
    "Fees and admissions": (408, 747, 1355, 1450, 871, 602),
    "Reading": (92, 93, 141, 183, 103, 120),
    "Household furnishings and equipment": (1543, 2055, 2683, 2733, 2816, 2153),
    "Public and other transportation": (628, 903, 1218, 1437, 1262, 1024),
    "Other lodging": (804, 745, 1139, 1782, 1738, 1396),
}
# The CE lines card and debit spending at our merchants covers: (categories, CE items added (+1) or taken out (-1)).
# Children's wear (MCC 5641, our BABY merchants) is CE's children's apparel, taken out of apparel. Airline fares,
# ride-hailing and car hire share CE's "public and other transportation"; hotels are "other lodging" (lodging on
# out-of-town trips, and college housing for the under 25s). Online marketplaces (ECOMMERCE) sell every kind of good:
# CE records what was bought, not where, so ECOMMERCE is outside the calibration (ECOMMERCE_SHARE below).
_CHILDREN = {"Children under 2": 1, "Boys, 2 to 15": 1, "Girls, 2 to 15": 1}
CE_LINES = {
    "Food at home": (("GROCERY",), {"Food at home": 1}),
    "Food away from home": (("RESTAURANT", "FAST_FOOD"), {"Food away from home": 1}),
    "Gasoline": (("GAS",), {"Gasoline": 1}),
    "Drugs and medical supplies": (("PHARMACY",), {"Drugs": 1, "Medical supplies": 1}),
    "Medical services": (("HEALTHCARE",), {"Medical services": 1}),
    "Apparel, adults": (("APPAREL",), {"Apparel and services": 1} | {k: -1 for k in _CHILDREN}),
    "Apparel, children": (("BABY",), _CHILDREN),
    "Audio and visual equipment": (("ELECTRONICS",), {"Audio and visual equipment and services": 1}),
    "Fees and admissions": (("ENTERTAINMENT",), {"Fees and admissions": 1}),
    "Reading": (("BOOKS",), {"Reading": 1}),
    "Household furnishings and equipment": (("HOME_IMPROVEMENT",), {"Household furnishings and equipment": 1}),
    "Public and other transportation": (("AIRLINE", "CAR_RENTAL", "RIDESHARE"), {"Public and other transportation": 1}),
    "Other lodging": (("HOTEL",), {"Other lodging": 1}),
}
# spend_mix.py solves, at import, for each band's base propensities so that the band's mixture of personas (with the
# tilts below) spends on each line in the CE proportions; the simulated share of each CE line in an age band's
# (non-ECOMMERCE) card and debit spend is then within this many points of CE's (tests/python/test_spending_mix.py).
CE_SHARE_TOLERANCE = 0.03
# How a CE line that spans several categories splits before the persona tilt (approximations, not calibrated):
# US restaurant sales split roughly evenly between full-service and limited-service restaurants (Census, NAICS
# 722511 and 722513); airfare is about half or more of public transportation spending (BLS, The Economics Daily,
# "Airfare dominates public transportation expenditures", 1999), ride-hailing and car hire share the rest.
LINE_SPLIT = {"RESTAURANT": 0.55, "FAST_FOOD": 0.45, "AIRLINE": 0.5, "CAR_RENTAL": 0.15, "RIDESHARE": 0.35}
# Share of discretionary spend online, per persona: about 16% of US retail sales are e-commerce (Census Quarterly
# Retail E-Commerce Sales, 2024); digital natives far more, boomers less.
ECOMMERCE_SHARE = np.array([0.10, 0.12, 0.30, 0.14, 0.05])
# Persona signatures: a propensity relative to others of the same age band (1 = as the band does). Travellers
# fly, stay and hire cars; parents buy children's wear (boomers too: grandchildren); digital natives buy gadgets and
# ride-hail; students eat fast food and buy books, and still fly home; boomers fill prescriptions.
_TILT = {
    TRAVELER: dict(AIRLINE=10, HOTEL=6, CAR_RENTAL=10, RESTAURANT=1.6, FAST_FOOD=0.7, RIDESHARE=1.5, BABY=0.3),
    PARENT: dict(
        BABY=8,
        GROCERY=1.2,
        FAST_FOOD=1.3,
        RESTAURANT=0.7,
        HOME_IMPROVEMENT=1.4,
        ENTERTAINMENT=0.8,
        AIRLINE=0.5,
        HOTEL=0.5,
        CAR_RENTAL=0.5,
        RIDESHARE=0.4,
    ),
    DIGITAL: dict(
        ELECTRONICS=5,
        RIDESHARE=4,
        ENTERTAINMENT=1.6,
        RESTAURANT=1.3,
        GAS=0.6,
        BABY=0.4,
        HOME_IMPROVEMENT=0.7,
        AIRLINE=0.7,
        HOTEL=0.6,
        CAR_RENTAL=0.6,
    ),
    STUDENT: dict(
        FAST_FOOD=4,
        BOOKS=5,
        ENTERTAINMENT=1.5,
        RIDESHARE=2.5,
        RESTAURANT=0.6,
        HOME_IMPROVEMENT=0.3,
        HEALTHCARE=0.4,
        BABY=0.3,
        AIRLINE=0.8,
        HOTEL=0.5,
        CAR_RENTAL=0.3,
    ),
    BOOMER: dict(
        PHARMACY=2.5,
        HEALTHCARE=2,
        FAST_FOOD=0.4,
        RIDESHARE=0.3,
        ELECTRONICS=0.7,
        HOME_IMPROVEMENT=1.2,
        AIRLINE=0.7,
        HOTEL=0.7,
        CAR_RENTAL=0.7,
    ),
}
SPEND_TILT = np.array([[_TILT[p].get(c, 1.0) for c in CATEGORIES] for p in range(len(PERSONAS))])
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
# Trips: months away from home, in which all airline, hotel and car-hire purchases happen (TRIP_CATEGORIES). Frequent
# travellers are away four months a year; everyone else once or twice (students fly home, boomers visit family).
TRIP_MONTH_PROB = np.array([0.35, 0.08, 0.10, 0.12, 0.12])
TRIP_CATEGORIES = ("AIRLINE", "HOTEL", "CAR_RENTAL")
TRIP_ABROAD_PROB = np.array([0.5, 0.1, 0.15, 0.1, 0.1])  # trips that go abroad (most US trips are domestic)
FOREIGN_SHARE_ON_TRIP = 0.65  # of travel-merchant card purchases on a trip abroad, paid in the local currency
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

# -- Life events -----------------------------------------------------------------------------------
# Yearly hazards per persona (TRAVELER, PARENT, DIGITAL, STUDENT, BOOMER); life_events.py draws each
# person's first event of each type inside the window from them (at most one of each type).
LIFE_EVENTS = ("MOVE", "MARRIAGE", "BIRTH", "NEW_EMPLOYER", "RETIREMENT", "GRADUATION")
MOVE, MARRIAGE, BIRTH, NEW_EMPLOYER, RETIREMENT, GRADUATION = range(6)
# Movers: US Census CPS/ASEC 2023 (geographic mobility): ~8% of people moved in the past year; by age
# about 20% at 18-24, 15% at 25-34, 9% at 35-44, 5% at 45-64, 3% at 65+.
MOVE_HAZARD = np.array([0.07, 0.11, 0.15, 0.20, 0.03])
# Of movers, CPS: about 60% stay in the same county; the rest move to another county or state, which
# the core record shows as another city, state and postal code.
MOVE_OTHER_AREA_SHARE = 0.4
# Marriages that change a surname. NCFMR (Bowling Green) from ACS 2022: 31 marriages per 1,000
# unmarried women a year, most between 25 and 39; Pew 2023: 79% of women in opposite-sex marriages
# took their spouse's surname (men: about 5%, left out here). Applied to women only.
SURNAME_CHANGE_HAZARD = np.array([0.02, 0.04, 0.05, 0.015, 0.003])
# Births: CDC NVSS 2022 births per 1,000 women: 57 at 20-24, 93 at 25-29, 96 at 30-34, 54 at 35-39, 12
# at 40-44. Per customer (either parent), by the personas' ages; the Young Parent persona is chosen for it.
BIRTH_HAZARD = np.array([0.03, 0.12, 0.07, 0.02, 0.0])
# Job changes among the employed: BLS Employee Tenure (2022) median tenure 4.1 years, shorter when young
# (1.1 years at 20-24, 2.8 at 25-34); JOLTS quits ~2.3% of employment a month. A yearly hazard per persona.
NEW_EMPLOYER_HAZARD = np.array([0.12, 0.15, 0.22, 0.30, 0.05])
# Retirement of still-employed boomers: SSA/EBRI Retirement Confidence Survey 2023, median retirement
# age 62, most between 60 and 67: about 15% of still-working 60-70 year-olds retire each year.
RETIREMENT_HAZARD = 0.15
# Graduation of students aged 21 or more: NCES, most bachelor's degrees take 4-6 years, so about a
# quarter of older students graduate in a year; the graduate job pays like a young Digital Native.
GRADUATION_HAZARD = 0.25
GRADUATION_MIN_AGE = 21
GRADUATE_INCOME_SHARE_OF_DIGITAL = 0.65  # of INCOME_MEDIAN[DIGITAL]: NACE 2023 starting salaries ~$60k
# A graduate's everyday spending follows the new income (SPEND_SCALE_ELASTICITY), at most this many times
# what it was: BLS Consumer Expenditure Survey 2022, under-25 households spend about $45k a year against
# about $70k at 25-34.
GRADUATE_MAX_SPEND_SHIFT = 1.6
GRADUATE_JOBS = ["Junior Analyst", "Associate Engineer", "Graduate Trainee", "Research Assistant"]
GRADUATE_EMPLOYER_WORDS = ["Labs", "Technologies", "Services", "Partners"]
NEW_JOB_RAISE = (1.0, 1.2)  # pay at the new employer relative to the old (job switchers earn a premium)
NEW_JOB_START_GAP_DAYS = (14, 60)  # from the last pay at the old employer to the first at the new one
# A new job is when people most often move their payroll: some take it to another bank (the pay stops
# arriving here), the rest change the payer at this bank.
NEW_JOB_PAYROLL_ELSEWHERE = 0.15
# Products that life events prompt, opened within LIFE_EVENT_PRODUCT_DAYS after the event, by people who
# do not yet hold them (LIMRA 2023: a new child is the top trigger to buy life cover; a move is when
# most mortgages start).
# Movers who buy with a mortgage, per persona: students rent (NAR 2023: first-time buyers' median age 35;
# Census HVS: about a third of movers move into a home they own).
MORTGAGE_AFTER_MOVE = np.array([0.30, 0.35, 0.25, 0.0, 0.10])
HOME_INSURANCE_WITH_NEW_MORTGAGE = 0.8
LIFE_INSURANCE_AFTER_BIRTH = 0.30
SAVINGS_AFTER_BIRTH = 0.25  # a savings account for the child (a 529 plan elsewhere is not in the book)
LIFE_EVENT_PRODUCT_DAYS = 120
