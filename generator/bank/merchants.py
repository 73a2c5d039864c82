"""The merchant universe as a card processor sees it: brands, their locations and the descriptors they send.

Built once per run (context.run_wide), deterministic from the seed. The seed's merchants are the national
brands (subscriptions keep their prices, billers stay billers); generated brands add regional chains and
local merchants per city, with invented names (a few locals share a name with an unrelated merchant
in another city, as real ones do). Every location has its own processor merchant id (MID):
transactions carry the location, never the brand, and the descriptor the processor prints, which is what
the models must roll up into brands. truth/merchant_locations keeps the location -> brand answer.

Loops here run over brands and locations (a few thousand, once per run), never over transactions:
transactions hold location and descriptor indices, written as dictionary-encoded columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.bank import mess, personas
from generator.bank.population import LAST_NAMES
from generator.bank.reference import Reference

# Words that make a generated brand name read like its trade. Naming only, not behaviour.
TRADE_WORDS = {
    "GROCERY": ("Market", "Grocers", "Foods", "Pantry", "Provisions", "Fresh Market", "Food Co-op"),
    "RESTAURANT": ("Kitchen", "Bistro", "Grill", "Trattoria", "Table", "Tavern", "Brasserie", "Eatery", "Cantina"),
    "FAST_FOOD": ("Burgers", "Tacos", "Pizza", "Coffee", "Bagels", "Donuts", "Subs", "Wings", "Noodles", "Cafe"),
    "GAS": ("Fuel", "Gas", "Petroleum", "Gas and Go", "Service Station"),
    "PHARMACY": ("Pharmacy", "Drugs", "Apothecary", "Chemists"),
    "ECOMMERCE": ("Shop", "Store", "Goods", "Direct", "Online", "Outlet"),
    "ELECTRONICS": ("Electronics", "Tech", "Audio", "Computers"),
    "APPAREL": ("Apparel", "Boutique", "Outfitters", "Threads", "Clothing"),
    "BABY": ("Baby", "Kids", "Little Ones"),
    "AIRLINE": ("Air", "Airways", "Airlines"),
    "HOTEL": ("Hotel", "Inn", "Suites", "Lodge"),
    "CAR_RENTAL": ("Car Rental", "Rent A Car", "Auto Hire"),
    "RIDESHARE": ("Rides", "Cab", "Go"),
    "ENTERTAINMENT": ("Cinema", "Theater", "Lanes", "Arcade", "Escape Rooms"),
    "HOME_IMPROVEMENT": ("Hardware", "Home Supply", "Lumber", "Paint"),
    "HEALTHCARE": ("Dental", "Family Medicine", "Clinic", "Vision Care", "Physical Therapy"),
    "BOOKS": ("Books", "Booksellers", "Bookshop"),
}
_ONSETS = ("b", "br", "c", "d", "f", "g", "gl", "k", "l", "m", "n", "p", "qu", "r", "s", "st", "t", "v", "z")
_VOWELS = ("a", "e", "i", "o", "u", "ia", "ea")
_CODES = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ23456789"))

FORMS = ("DIRECT", "SQUARE", "TOAST", "PAYPAL", "ORDER_CODE", "TICKET", "ONLINE")
_PREFIX = {"SQUARE": "SQ *", "TOAST": "TST* ", "PAYPAL": "PAYPAL *"}
# Two brands never share the first letters a descriptor keeps of their name (the shortest is PayPal's),
# except the local merchants that deliberately share a name with one in another city.
_DISTINCT_PREFIX = mess.DESCRIPTOR_NAME_WIDTH - len(_PREFIX["PAYPAL"])


@dataclass(frozen=True)
class Merchants:
    """Brands and locations; brands 0..len(ref.merchants)-1 are the seed's merchants, in seed order."""

    brand_name: list[str]
    brand_category: list[str]  # merchant_categories.category_code
    brand_mcc: list[str]
    brand_scope: list[str]  # NATIONAL, REGIONAL, LOCAL or ONLINE
    cities: list[tuple[str, str]]  # (city, state) of the bank's branches, distinct
    branch_city: np.ndarray  # per branch: index into cities
    location_brand: np.ndarray
    location_city: np.ndarray  # -1: online
    location_id: np.ndarray  # object: the processor's merchant id (MID), 15 digits
    location_first: np.ndarray  # first descriptor of the location
    location_variants: np.ndarray  # descriptors per location (several for order codes and tickets)
    descriptors: np.ndarray  # object
    seed_location: np.ndarray  # per seed merchant: its first location
    pick_key: np.ndarray  # sorted: group + cumulative probability within the group
    pick_location: np.ndarray

    @property
    def location_mcc(self) -> np.ndarray:
        return np.array(self.brand_mcc, dtype=object)[self.location_brand]

    def pick(self, rng: np.random.Generator, category: np.ndarray, city: np.ndarray) -> np.ndarray:
        """A location per purchase: by Zipf popularity among the category's locations in that city."""
        group = category.astype(np.float64) * len(self.cities) + city
        pos = np.searchsorted(self.pick_key, group + rng.random(len(group)), side="right") - 1
        return self.pick_location[pos]

    def descriptor(self, rng: np.random.Generator, location: np.ndarray) -> np.ndarray:
        """The descriptor a purchase carries: the location's, with a fresh order code where it has them."""
        variants = self.location_variants[location]
        return (self.location_first[location] + (rng.random(len(location)) * variants).astype(np.int64)).astype(
            np.int32
        )


def _invented(rng: np.random.Generator) -> str:
    syllables = rng.integers(2, 4)
    word = "".join(_ONSETS[rng.integers(len(_ONSETS))] + _VOWELS[rng.integers(len(_VOWELS))] for _ in range(syllables))
    return word.capitalize()


def _pick_form(rng: np.random.Generator, shares: dict[str, float]) -> str:
    return list(shares)[rng.choice(len(shares), p=np.array(list(shares.values())) / sum(shares.values()))]


def _name_part(name: str, form: str, store: str = "") -> str:
    """The descriptor's name field: prefix, name and store number, cut at the field's width."""
    return (_PREFIX.get(form, "") + name.upper() + store)[: mess.DESCRIPTOR_NAME_WIDTH].rstrip()


def _with_place(name_part: str, city: str, state: str) -> str:
    """Fixed width as processors send it: name field, city field, state."""
    return (
        f"{name_part:<{mess.DESCRIPTOR_NAME_WIDTH}} "
        f"{city.upper()[: mess.DESCRIPTOR_CITY_WIDTH]:<{mess.DESCRIPTOR_CITY_WIDTH}} {state}"
    )


def build_merchants(seed: int, ref: Reference) -> Merchants:
    rng = np.random.default_rng([seed, 0x3E7C])
    categories = {c["category_code"]: c["mcc"] for c in ref.merchant_categories}
    cities = sorted({(b["city"], b["state"]) for b in ref.branches})
    branch_city = np.array([cities.index((b["city"], b["state"])) for b in ref.branches])
    n_cities = len(cities)

    names = [m["merchant_name"] for m in ref.merchants]
    category = [m["category_code"] for m in ref.merchants]
    scope = [
        "ONLINE" if c not in personas.CATEGORIES or c in personas.ONLINE_CATEGORIES else "NATIONAL" for c in category
    ]
    taken = {n.upper()[:_DISTINCT_PREFIX].rstrip() for n in names}
    if len(taken) != len(names):
        raise ValueError("two seed merchants share the first letters of their name: descriptors would merge them")
    surnames = LAST_NAMES[0]
    reuse_of = [-1] * len(names)  # a local brand named like an unrelated earlier one, in another city
    for cat, count in personas.GENERATED_BRANDS.items():
        words = TRADE_WORDS[cat]
        made, locals_here = 0, []
        while made < count:
            if locals_here and cat not in personas.ONLINE_CATEGORIES and rng.random() < personas.LOCAL_NAME_REUSE_SHARE:
                original = locals_here[rng.integers(len(locals_here))]
                names.append(names[original])
                category.append(cat)
                scope.append("LOCAL")
                reuse_of.append(original)
                made += 1
                continue
            word = words[rng.integers(len(words))]
            first = surnames[rng.integers(len(surnames))].capitalize() + "'s" if rng.random() < 0.4 else _invented(rng)
            name = f"{first} {word}"
            key = name.upper()[:_DISTINCT_PREFIX].rstrip()
            if key in taken:
                continue
            taken.add(key)
            names.append(name)
            category.append(cat)
            reuse_of.append(-1)
            if cat in personas.ONLINE_CATEGORIES:
                scope.append("ONLINE")
            else:
                scope.append("REGIONAL" if rng.random() < personas.REGIONAL_CHAIN_SHARE else "LOCAL")
            if scope[-1] == "LOCAL":
                locals_here.append(len(names) - 1)
            made += 1
    n_brands = len(names)

    # Locations: (brand, city, store number or -1), brand by brand.
    loc_brand, loc_city, loc_store, loc_form, forms, store_style = [], [], [], [], [], []
    home_city = [-1] * n_brands
    for b in range(n_brands):
        if scope[b] == "ONLINE":
            cities_of = [(-1, 1)]
        elif scope[b] == "NATIONAL":
            present = np.flatnonzero(rng.random(n_cities) < personas.NATIONAL_CHAIN_CITY_PRESENCE)
            present = present if len(present) else rng.integers(0, n_cities, 1)
            extra = rng.poisson(personas.NATIONAL_CHAIN_EXTRA_STORES_MEAN, len(present))
            cities_of = list(zip(present.tolist(), (1 + extra).tolist(), strict=True))
        elif scope[b] == "REGIONAL":
            k = rng.integers(*personas.REGIONAL_CHAIN_CITIES)
            present = rng.choice(n_cities, size=min(k, n_cities), replace=False)
            stores = rng.integers(*personas.REGIONAL_CHAIN_STORES_PER_CITY, len(present))
            cities_of = list(zip(present.tolist(), stores.tolist(), strict=True))
        else:
            k = 1 + rng.choice(len(personas.LOCAL_LOCATIONS_P), p=personas.LOCAL_LOCATIONS_P)
            city = int(rng.integers(n_cities))
            if reuse_of[b] >= 0:  # never in the city of the merchant whose name it shares
                city = (home_city[reuse_of[b]] + 1 + int(rng.integers(n_cities - 1))) % n_cities
            home_city[b] = city
            cities_of = [(city, int(k))]
        total = sum(k for _, k in cities_of)
        chain = scope[b] in ("NATIONAL", "REGIONAL")
        stores = np.sort(rng.choice(np.arange(1, 10_000), size=total, replace=False)) if chain else np.full(total, -1)
        franchised = chain & (rng.random(total) < mess.CHAIN_FRANCHISE_AGGREGATOR_SHARE)
        franchise_form = "TOAST" if category[b] in ("RESTAURANT", "FAST_FOOD") else "SQUARE"
        i = 0
        for city, k in cities_of:
            for _ in range(k):
                loc_brand.append(b)
                loc_city.append(city)
                loc_store.append(-1 if franchised[i] else int(stores[i]))
                loc_form.append(franchise_form if franchised[i] else "")
                i += 1
        if scope[b] == "ONLINE":
            form = {"ECOMMERCE": "ORDER_CODE", "RIDESHARE": "ORDER_CODE", "AIRLINE": "TICKET"}.get(
                category[b], "ONLINE"
            )
        elif chain:
            form = "DIRECT"
        else:
            restaurant = category[b] in ("RESTAURANT", "FAST_FOOD")
            form = _pick_form(
                rng, mess.LOCAL_RESTAURANT_DESCRIPTOR_FORMS if restaurant else mess.LOCAL_DESCRIPTOR_FORMS
            )
        forms.append(form)
        store_style.append(_pick_form(rng, mess.STORE_NUMBER_STYLES) if chain else "")
    location_brand = np.array(loc_brand, dtype=np.int32)
    location_city = np.array(loc_city, dtype=np.int32)
    n_loc = len(location_brand)

    # Descriptors, location by location.
    descriptors, first, variants = [], np.zeros(n_loc, dtype=np.int64), np.ones(n_loc, dtype=np.int64)
    for loc in range(n_loc):
        b, city, store = int(location_brand[loc]), int(location_city[loc]), loc_store[loc]
        form, name = loc_form[loc] or forms[b], names[b]
        first[loc] = len(descriptors)
        if form in ("ORDER_CODE", "TICKET"):
            variants[loc] = mess.ORDER_CODE_VARIANTS
            for _ in range(mess.ORDER_CODE_VARIANTS):
                if form == "TICKET":  # the airline's name and a ticket number, cut at the field's width
                    descriptors.append(_name_part(name, "DIRECT", " " + "".join(map(str, rng.integers(0, 10, 10)))))
                else:
                    code = "".join(_CODES[rng.integers(0, len(_CODES), 5)])
                    short = name.upper()[: mess.DESCRIPTOR_NAME_WIDTH - 7].rstrip()
                    descriptors.append(f"{short}*{code}")
            continue
        store_text = store_style[b].format(store) if store >= 0 else ""
        part = _name_part(name, form, store_text)
        if city >= 0 and form != "PAYPAL":
            part = _with_place(part, *cities[city])
        descriptors.append(part)

    # Merchant ids: 15 digits, distinct, in no particular order.
    mids = rng.choice(9 * 10**13, size=n_loc, replace=False) + 10**13
    location_id = np.array([f"4{m}" for m in mids.tolist()], dtype=object)

    # Popularity: in each city, a category's brands present there ranked (nationals first, then the rest in
    # random order) and weighted 1 / rank**s, the weight shared by the brand's locations in that city.
    cat_codes = list(personas.CATEGORIES)
    order = np.argsort(
        np.array([0 if s == "NATIONAL" else 1 for s in scope]) * 1.0 + rng.random(n_brands) * 0.5, kind="stable"
    )
    rank_of = np.empty(n_brands, dtype=np.int64)
    rank_of[order] = np.arange(n_brands)
    keys, locs = [], []
    for k, cat in enumerate(cat_codes):
        in_cat = np.array([category[b] == cat for b in range(n_brands)])
        cat_locs = np.flatnonzero(in_cat[location_brand])
        for city in range(n_cities):
            here = cat_locs[(location_city[cat_locs] == city) | (location_city[cat_locs] < 0)]
            brands, per_brand = np.unique(location_brand[here], return_counts=True)
            brand_rank = np.empty(len(brands), dtype=np.int64)
            brand_rank[np.argsort(rank_of[brands], kind="stable")] = np.arange(1, len(brands) + 1)
            weight = 1.0 / brand_rank**personas.MERCHANT_ZIPF_EXPONENT / per_brand
            w = weight[np.searchsorted(brands, location_brand[here])]
            cum = np.cumsum(w) / w.sum()
            keys.append(k * n_cities + city + np.concatenate([[0.0], cum[:-1]]))
            locs.append(here)
    pick_key = np.concatenate(keys)
    pick_location = np.concatenate(locs).astype(np.int32)

    seed_location = np.array([int(np.flatnonzero(location_brand == b)[0]) for b in range(len(ref.merchants))])
    return Merchants(
        brand_name=names,
        brand_category=category,
        brand_mcc=[m["mcc"] for m in ref.merchants] + [categories[c] for c in category[len(ref.merchants) :]],
        brand_scope=scope,
        cities=cities,
        branch_city=branch_city,
        location_brand=location_brand,
        location_city=location_city,
        location_id=location_id,
        location_first=first,
        location_variants=variants,
        descriptors=np.array(descriptors, dtype=object),
        seed_location=seed_location,
        pick_key=pick_key,
        pick_location=pick_location,
    )
