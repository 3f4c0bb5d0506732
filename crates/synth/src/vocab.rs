//! Generated vocabulary: invented place names that never collide, recurring topics and the
//! ways a council rephrases a topic from one year to the next, and filler prose.
//!
//! Every background item is named with invented words derived from a unique number, so two
//! items share a distinctive word only when the generator planted them as one issue.

use fastrand::Rng;

const ONSETS: [&str; 21] = [
    "b", "br", "d", "dr", "f", "g", "gl", "k", "kr", "l", "m", "n", "p", "pl", "r", "s", "st", "t",
    "tr", "v", "z",
];
const VOWELS: [&str; 7] = ["a", "e", "i", "o", "u", "ai", "ou"];
const CODAS: [&str; 7] = ["", "n", "r", "l", "s", "m", "th"];

/// A 64-bit mix (SplitMix64's finaliser): neighbouring ids give unrelated words.
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// An invented, capitalised word of three syllables ("Drounaveth") for the number `id`.
pub fn pseudo_word(id: u64) -> String {
    let mut bits = mix(id);
    let mut word = String::new();
    for _ in 0..3 {
        word.push_str(ONSETS[(bits % ONSETS.len() as u64) as usize]);
        bits /= ONSETS.len() as u64;
        word.push_str(VOWELS[(bits % VOWELS.len() as u64) as usize]);
        bits /= VOWELS.len() as u64;
    }
    word.push_str(CODAS[(bits % CODAS.len() as u64) as usize]);
    capitalise(&word)
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Words councils spell both ways: (British, American).
const SPELLINGS: [(&str, &str); 12] = [
    ("Modernisation", "Modernization"),
    ("Organisational", "Organizational"),
    ("Centre", "Center"),
    ("Harbour", "Harbor"),
    ("Neighbourhood", "Neighborhood"),
    ("Licensing", "Licencing"),
    ("Optimisation", "Optimization"),
    ("Labour", "Labor"),
    ("Defence", "Defense"),
    ("Catalogue", "Catalog"),
    ("Behaviour", "Behavior"),
    ("Utilisation", "Utilization"),
];

/// Nouns that close a topic's name; none opens a sentence or is an imperative verb.
pub const HEADS: [&str; 12] = [
    "Programme",
    "Strategy",
    "Contract",
    "Partnership",
    "Framework",
    "Project",
    "Scheme",
    "Arrangements",
    "Board",
    "Trust",
    "Portfolio",
    "Compliance",
];

/// Latin letters and the Cyrillic letters printed identically.
const LOOK_ALIKES: [(char, char); 6] = [
    ('a', 'а'),
    ('e', 'е'),
    ('o', 'о'),
    ('c', 'с'),
    ('p', 'р'),
    ('x', 'х'),
];

/// How one occurrence of a recurring topic is phrased.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// As first named: "Drounaveth Kelstar Modernisation Programme".
    Base,
    /// Sentence case: "Drounaveth kelstar modernisation programme".
    Case,
    /// The head noun first: "Programme of Drounaveth Kelstar Modernisation".
    WordOrder,
    /// The other spelling: "... Modernization Programme".
    Spelling,
    /// The long name with its abbreviation introduced: "... Programme (DKMP)".
    Abbreviated,
    /// A Cyrillic letter in place of a Latin one: "Drounаveth ...".
    LookAlike,
}

impl Variant {
    /// The variants a later occurrence may take.
    pub const LATER: [Variant; 6] = [
        Variant::Base,
        Variant::Case,
        Variant::WordOrder,
        Variant::Spelling,
        Variant::Abbreviated,
        Variant::LookAlike,
    ];
}

/// One recurring issue: the words of its name.
#[derive(Clone, Debug)]
pub struct Topic {
    place: String,
    subject: String,
    spelling: usize,
    head: &'static str,
}

impl Topic {
    /// The topic numbered `id`, its words chosen by `rng`.
    pub fn new(id: u64, rng: &mut Rng) -> Topic {
        Topic {
            place: pseudo_word(id.wrapping_mul(2)),
            subject: pseudo_word(id.wrapping_mul(2).wrapping_add(1)),
            spelling: rng.usize(..SPELLINGS.len()),
            head: HEADS[rng.usize(..HEADS.len())],
        }
    }

    /// The topic's name in `variant`; `rng` picks the look-alike letter.
    pub fn name(&self, variant: Variant, rng: &mut Rng) -> String {
        let (british, american) = SPELLINGS[self.spelling];
        let base = format!("{} {} {british} {}", self.place, self.subject, self.head);
        match variant {
            Variant::Base => base,
            Variant::Case => {
                let lower = base.to_lowercase();
                capitalise(&lower)
            }
            Variant::WordOrder => {
                format!("{} of {} {} {british}", self.head, self.place, self.subject)
            }
            Variant::Spelling => {
                format!("{} {} {american} {}", self.place, self.subject, self.head)
            }
            Variant::Abbreviated => {
                let initials: String = base.split(' ').filter_map(|w| w.chars().next()).collect();
                format!("{base} ({initials})")
            }
            Variant::LookAlike => {
                let word = if rng.bool() {
                    &self.place
                } else {
                    &self.subject
                };
                let swapped = swap_look_alike(word, rng);
                base.replacen(word.as_str(), &swapped, 1)
            }
        }
    }
}

/// `word` with one letter that has a Cyrillic twin replaced by it (the word itself when none
/// has).
fn swap_look_alike(word: &str, rng: &mut Rng) -> String {
    let positions: Vec<(usize, char)> = word
        .char_indices()
        .filter(|(_, c)| LOOK_ALIKES.iter().any(|(l, _)| l == c))
        .collect();
    if positions.is_empty() {
        return word.to_owned();
    }
    let (at, latin) = positions[rng.usize(..positions.len())];
    let cyrillic = LOOK_ALIKES
        .iter()
        .find(|(l, _)| *l == latin)
        .map_or(latin, |(_, c)| *c);
    let mut out = String::with_capacity(word.len() + 1);
    out.push_str(&word[..at]);
    out.push(cyrillic);
    out.push_str(&word[at + latin.len_utf8()..]);
    out
}

/// A background item's name: invented words derived from `id`, and a head noun.
pub fn background_name(id: u64, rng: &mut Rng) -> String {
    let salted = id ^ 0x5EED_0000_0000_0000;
    format!(
        "{} {} {}",
        pseudo_word(salted.wrapping_mul(2)),
        pseudo_word(salted.wrapping_mul(2).wrapping_add(1)),
        HEADS[rng.usize(..HEADS.len())]
    )
}

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const BODIES: [&str; 6] = [
    "Cabinet",
    "the Audit Committee",
    "the Scrutiny Board",
    "Leadership Team",
    "the Programme Board",
    "Full Council",
];

const FINDINGS: [&str; 8] = [
    "reported weaknesses in the control environment",
    "found that decisions were not recorded consistently",
    "identified gaps in contract monitoring",
    "noted slippage against the agreed timetable",
    "highlighted a shortfall in the budget",
    "found limited assurance over performance data",
    "raised concerns about capacity in the team",
    "recommended a refreshed governance structure",
];

const STEPS: [&str; 10] = [
    "a revised delivery plan has been agreed",
    "monthly monitoring meetings are now held",
    "a new lead officer has been appointed",
    "the risk register has been refreshed",
    "training has been delivered to all managers",
    "a procurement exercise has been completed",
    "the business case was approved",
    "quarterly reports now go to members",
    "an external adviser has been engaged",
    "the policy has been rewritten and published",
];

/// The `k`-th invented word that goes with `word` (the same for every occurrence of a
/// recurring topic, distinct between background items).
pub fn related_word(word: &str, k: u64) -> String {
    let seed = word
        .to_lowercase()
        .bytes()
        .fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
        });
    pseudo_word(seed.wrapping_add(k)).to_lowercase()
}

/// A sentence describing what went wrong with `subject` (starts with "The council").
pub fn finding(subject: &str, rng: &mut Rng) -> String {
    format!(
        "The council {} in the {} arrangements at {} and {}.",
        FINDINGS[rng.usize(..FINDINGS.len())],
        subject,
        capitalise(&related_word(subject, 1)),
        capitalise(&related_word(subject, 2))
    )
}

/// One or more sentences of progress, naming `word` and dated within `year`.
pub fn progress(word: &str, year: i32, sentences: usize, rng: &mut Rng) -> String {
    let mut out = Vec::with_capacity(sentences);
    for i in 0..sentences.max(1) {
        let step = STEPS[rng.usize(..STEPS.len())];
        let month = MONTHS[rng.usize(..MONTHS.len())];
        out.push(match i % 3 {
            0 => format!(
                "For the {word} work, {step} and a report went to {} in {month} {year}.",
                BODIES[rng.usize(..BODIES.len())]
            ),
            1 => format!("Since {month} {year} {step}; the next milestone is being tracked."),
            _ => format!(
                "Officers confirm that {step} and that {} has been briefed.",
                BODIES[rng.usize(..BODIES.len())]
            ),
        });
    }
    out.join(" ")
}

/// Post holders as the owner grammar knows them.
pub const OWNERS: [&str; 10] = [
    "Chief Executive",
    "Executive Director for Resources",
    "Executive Director for Neighbourhoods",
    "Director of Law and Governance",
    "Director for Children's Services",
    "Director of Public Health",
    "Director - Finance",
    "Director - Housing",
    "Director – Regeneration & Growth",
    "Director - Business Strategy & Change",
];

/// An owner picked by `rng`.
pub fn owner(rng: &mut Rng) -> &'static str {
    OWNERS[rng.usize(..OWNERS.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudo_words_are_stable_and_distinct() {
        assert_eq!(pseudo_word(7), pseudo_word(7));
        let words: std::collections::BTreeSet<String> = (0..5000).map(pseudo_word).collect();
        assert!(words.len() > 4990, "{} distinct of 5000", words.len());
    }

    #[test]
    fn variants_keep_the_topic_recognisable() {
        let mut rng = Rng::with_seed(1);
        let topic = Topic::new(42, &mut rng);
        let base = topic.name(Variant::Base, &mut rng);
        let place = base.split(' ').next().unwrap_or_default().to_owned();
        for variant in Variant::LATER {
            let name = topic.name(variant, &mut rng);
            let lower = name.to_lowercase();
            match variant {
                Variant::LookAlike => assert_ne!(name, base),
                Variant::Abbreviated => assert!(name.starts_with(&base) && name.ends_with(')')),
                _ => assert!(lower.contains(&place.to_lowercase()), "{name}"),
            }
        }
    }

    #[test]
    fn look_alike_swaps_exactly_one_letter() {
        let mut rng = Rng::with_seed(3);
        let swapped = swap_look_alike("Dracotel", &mut rng);
        assert_ne!(swapped, "Dracotel");
        assert_eq!(swapped.chars().count(), 8);
        assert_eq!(
            swapped
                .chars()
                .zip("Dracotel".chars())
                .filter(|(a, b)| a != b)
                .count(),
            1
        );
    }
}
