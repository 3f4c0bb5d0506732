//! Restatements and decoys, planted when [`crate::SynthOptions::restatements`] is on.
//!
//! The ways councils restate one issue between years that shared words alone do not show (a
//! programme renamed, an action split or merged, initials used bare, a clipped word, a heading
//! become a long action, a tracker's next edition), and pairs that share words but are different
//! issues. Every pair's note opens with its kind in brackets (`[renamed] ...`).

use crate::vocab::{mix, pseudo_word, MONTHS};
use crate::{inside_group, Item, SynthOptions};
use fastrand::Rng;
use govtrail_model::Family;

/// What the expected-links file says about the restatements.
pub const NOTE: &str = "Restatements and decoys planted by govtrail synth --restatements: each pair's note opens with its kind ([renamed], [split], [merged], [initials], [clipped], [title-to-action], [edition] for must pairs; [decoy:topic-word], [decoy:generic], [decoy:initials] for must-not pairs).";

/// One occurrence of a restatement or decoy: its story and its part in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Mark {
    story: u64,
    role: u8,
}

/// Items written as one block (a parent and its sub-actions).
#[derive(Clone, Debug)]
pub(crate) struct Group {
    /// The same for every item of the block.
    pub id: u64,
    /// The workstream and ref letter a tracker keeps from one edition to the next.
    pub pin: Option<Pin>,
}

/// A tracker block's workstream and ref letter, the same in every edition.
#[derive(Clone, Debug)]
pub(crate) struct Pin {
    /// The workstream's name.
    pub workstream: String,
    /// The letter of its refs (`OC.B9.1`).
    pub letter: char,
}

/// A pair planted between two marks.
pub(crate) struct Planted {
    pub a: Mark,
    pub b: Mark,
    pub note: String,
    /// A must pair; a must-not pair (a decoy) when false.
    pub must: bool,
}

/// A block of items in one document; `front` blocks open the document in order.
struct Occurrence {
    family: Family,
    slot: usize,
    front: bool,
    items: Vec<Item>,
}

/// One restatement or decoy: where its items go and the pairs between them.
struct Story {
    key: u64,
    occurrences: Vec<Occurrence>,
    pairs: Vec<Planted>,
}

impl Story {
    fn new(key: u64) -> Story {
        Story {
            key,
            occurrences: Vec::new(),
            pairs: Vec::new(),
        }
    }

    /// An invented place name of the story's own ("Drounaveth").
    fn place(&self, k: u64) -> String {
        pseudo_word(mix(self.key ^ k))
    }

    fn item(&self, role: u8, name: String, word: &str) -> Item {
        Item {
            name,
            word: word.to_owned(),
            planted: false,
            topic: 0,
            update: None,
            group: None,
            mark: Some(self.mark(role)),
        }
    }

    fn mark(&self, role: u8) -> Mark {
        Mark {
            story: self.key,
            role,
        }
    }

    fn single(&mut self, family: Family, slot: usize, item: Item) {
        self.occurrences.push(Occurrence {
            family,
            slot,
            front: false,
            items: vec![item],
        });
    }

    /// `items` as one block under the first of them.
    fn group(&mut self, family: Family, slot: usize, mut items: Vec<Item>, pin: Option<Pin>) {
        let id = mix(self.key ^ slot as u64);
        for item in &mut items {
            item.group = Some(Group {
                id,
                pin: pin.clone(),
            });
        }
        self.occurrences.push(Occurrence {
            family,
            slot,
            front: pin.is_some(),
            items,
        });
    }

    fn pair(&mut self, a: u8, b: u8, note: String, must: bool) {
        self.pairs.push(Planted {
            a: self.mark(a),
            b: self.mark(b),
            note,
            must,
        });
    }
}

/// Families whose every item carries a progress update.
const UPDATED: [Family; 4] = [
    Family::AgsActionPlanUpdate,
    Family::GovernanceReviewPlan,
    Family::CorporatePlanPerformance,
    Family::ActionPlan,
];
/// Families that number sub-actions under a parent.
const HIERARCHICAL: [Family; 2] = [Family::GovernanceReviewPlan, Family::ImprovementPlanTracker];
/// Families whose action column holds a long sentence.
const SENTENCES: [Family; 2] = [
    Family::ImprovementPlanTracker,
    Family::CorporatePlanPerformance,
];
/// Families that do not open the name with "Deliver the".
const UNPREFIXED: [Family; 4] = [
    Family::AgsActionPlanUpdate,
    Family::GovernanceReviewPlan,
    Family::ImprovementPlanTracker,
    Family::ActionPlan,
];

/// Programme names before and after a rename.
const RENAMES: [(&str, &str); 4] = [
    ("Community Transport Scheme", "Travel Assistance Service"),
    (
        "Customer Services Transformation Programme",
        "Digital Front Door Programme",
    ),
    ("Early Help Hub", "Family Support Service"),
    ("Office Accommodation Review", "Hybrid Working Programme"),
];

/// A programme and the sub-actions it splits into.
const SPLITS: [(&str, [&str; 3]); 3] = [
    (
        "Depot Rationalisation Programme",
        [
            "Relocate the {P} fleet workshop to the northern depot",
            "Consult staff and trade unions on closing the {P} depot",
            "Market the surplus {P} depot site for disposal",
        ],
    ),
    (
        "Leisure Centre Refurbishment",
        [
            "Replace the pool plant and changing rooms at {P} Leisure Centre",
            "Extend the {P} leisure operator contract while the works are under way",
            "Secure external funding for the {P} sports hall roof",
        ],
    ),
    (
        "Housing Allocations Policy Review",
        [
            "Consult tenants on the draft {P} allocations policy",
            "Update the {P} housing register system for the new banding",
            "Train lettings staff on the revised {P} allocations scheme",
        ],
    ),
];

/// A parent, its sub-actions, and the one action they merge into.
const MERGES: [(&str, [&str; 3], &str); 3] = [
    (
        "{P} Highways Improvement Plan",
        [
            "{P} street lighting LED replacement",
            "{P} carriageway resurfacing programme",
            "{P} winter gritting route review",
        ],
        "{P} highways asset management plan bringing street lighting, resurfacing and winter gritting under one programme",
    ),
    (
        "{P} Income Collection Review",
        [
            "{P} council tax recovery",
            "{P} business rates collection",
            "{P} sundry debt write-off policy",
        ],
        "{P} corporate debt recovery policy covering council tax, business rates and sundry debt",
    ),
    (
        "{P} Digital Inclusion Plan",
        [
            "{P} library public computer refresh",
            "{P} digital skills sessions for older residents",
            "{P} community wifi pilot",
        ],
        "{P} digital inclusion strategy combining public computers, digital skills and community wifi",
    ),
];

/// Names whose initials a later document uses bare, and the later items' wording.
const INITIALS: [&str; 3] = [
    "Social Care Case Management System",
    "Integrated Transport Hub Programme",
    "Digital Knowledge Management Programme",
];
const BARE_USES: [&str; 2] = [
    "{A} go-live and data migration",
    "{A} benefits realisation and post-implementation review",
];

/// A name and the word a later name clips.
const CLIPS: [(&str, &str, &str); 4] = [
    (
        "Town Centre Regeneration Programme",
        "Regeneration",
        "Regen",
    ),
    ("Information Governance Framework", "Information", "Info"),
    ("Contract Management Improvement Plan", "Management", "Mgmt"),
    (
        "Local Government Reorganisation Programme",
        "Government",
        "Govt",
    ),
];

/// An AGS heading and the long action sentence a later plan makes of it.
const TITLES: [(&str, &str); 4] = [
    (
        "Workforce Planning Framework",
        "{P} workforce planning framework, identifying skills gaps, succession risks and recruitment priorities across services, with progress reported to the Leadership Team each quarter",
    ),
    (
        "Procurement Compliance",
        "{P} procurement compliance regime, so that every contract over the threshold is let through the corporate procurement team and recorded on the contracts register",
    ),
    (
        "Member Development Programme",
        "{P} member development programme, with induction for new councillors, an annual training plan and attendance reported to the Standards Committee",
    ),
    (
        "Budget Monitoring Arrangements",
        "{P} budget monitoring arrangements, with monthly forecasts from every budget holder, challenge sessions for overspending services and quarterly reports to Cabinet",
    ),
];

/// A tracker workstream and its (objective, action) in three editions.
const EDITIONS: [(&str, [(&str, &str); 3]); 3] = [
    (
        "Customer Contact Improvement",
        [
            (
                "Improve {P} customer contact and complaint handling",
                "Review the {P} contact centre opening hours and call routing",
            ),
            (
                "Customer contact and complaints handling in {P} improved",
                "Implement revised call routing at the {P} contact centre and extend online self-service",
            ),
            (
                "Deliver better customer contact across {P}",
                "Embed the new {P} call routing and report complaint response times monthly",
            ),
        ],
    ),
    (
        "Planning Enforcement",
        [
            (
                "Clear the {P} planning enforcement backlog",
                "Recruit two enforcement officers for the {P} area",
            ),
            (
                "Reduce the {P} planning enforcement backlog",
                "Appoint enforcement officers and triage {P} cases by risk",
            ),
            (
                "Sustain {P} planning enforcement performance",
                "Report {P} enforcement case times to Planning Committee quarterly",
            ),
        ],
    ),
    (
        "Fleet Compliance",
        [
            (
                "Bring the {P} fleet into operator licence compliance",
                "Introduce daily vehicle checks at the {P} transport yard",
            ),
            (
                "Maintain {P} operator licence compliance",
                "Audit {P} vehicle check records and driver hours each month",
            ),
            (
                "Keep the {P} fleet compliant with its operator licence",
                "Close the actions from the {P} traffic commissioner review",
            ),
        ],
    ),
];

/// Two issues that share a rare topic word, and what tells them apart.
const TOPIC_WORDS: [(&str, &str, &str); 3] = [
    (
        "{P} SEND Transport Contract",
        "{P} SEND Sufficiency Strategy",
        "home-to-school transport against planning school places",
    ),
    (
        "{P} Leisure Trust Contract",
        "{P} Leisure Facilities Strategy",
        "the operator's contract against the plan for the buildings",
    ),
    (
        "{P} Waste Collection Contract",
        "{P} Waste Minimisation Strategy",
        "the collection contract against reducing waste",
    ),
];

/// Issues described in the same generic wording.
const GENERIC: [&str; 6] = [
    "the {P} harbour wall repairs",
    "{P} councillor induction",
    "the {P} allotment lease renewals",
    "the {P} school meals contract",
    "{P} cemetery capacity",
    "the {P} pension fund valuation",
];
const GENERIC_WORDING: &str = "Deliver the action plan and report progress on";

/// Initials capitalised as a title in one document and meaning something else, spelt only in
/// lower case, in another: (title, other use, what tells them apart).
const AMBIGUOUS_INITIALS: [(&str, &str, &str); 2] = [
    (
        "{P} Housing Repairs Backlog Recovery Plan",
        "Replace the {Q} HR and payroll system so that human resources and payroll records are held in one place",
        "HR",
    ),
    (
        "{P} Customer Services Improvement Plan",
        "Strengthen {Q} CS safeguarding practice so that children's services referrals are screened within a day",
        "CS",
    ),
];

fn fill(template: &str, place: &str) -> String {
    template.replace("{P}", place)
}

/// The capitals of a name's words: "Drounaveth Social Care Case Management System" → DSCCMS.
fn initials(name: &str) -> String {
    name.split(' ')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// One council's stories, the same for every document of it.
fn stories(options: &SynthOptions, council: usize) -> Vec<Story> {
    let years = options.years.max(1) as usize;
    let mut rng = Rng::with_seed(mix(options.seed ^ 0x5E57_0000_0000_0000 ^ council as u64));
    let key = |kind: u64, n: usize| {
        mix(options.seed ^ (0x7E57 << 48) ^ ((council as u64) << 24) ^ (kind << 8) ^ n as u64)
    };
    let mut out = Vec::new();
    let instances = |pool: usize| (years / 3).clamp(1, pool);
    let pick = |rng: &mut Rng, allowed: &[Family]| -> Option<Family> {
        let choices: Vec<Family> = options
            .families
            .iter()
            .copied()
            .filter(|f| allowed.contains(f))
            .collect();
        (!choices.is_empty()).then(|| choices[rng.usize(..choices.len())])
    };
    let start = |rng: &mut Rng, span: usize| (years >= span).then(|| rng.usize(..=years - span));
    let any = Family::ALL;
    let year = |slot: usize| options.first_year + slot as i32;

    for n in 0..instances(RENAMES.len()) {
        let (old_name, new_name) = RENAMES[(council + n) % RENAMES.len()];
        let mut story = Story::new(key(1, n));
        let (place, brand) = (story.place(1), story.place(2));
        let (Some(s), Some(f0), Some(f1)) = (
            start(&mut rng, 2),
            pick(&mut rng, &any),
            pick(&mut rng, &UPDATED),
        ) else {
            continue;
        };
        let old = format!("{place} {old_name}");
        let new = format!("{brand} {new_name}");
        story.single(f0, s, story.item(0, old.clone(), &place));
        let mut renamed = story.item(1, new.clone(), &brand);
        renamed.update = Some(format!(
            "Launched in {} {}, replacing the arrangements that supported the {old}.",
            MONTHS[rng.usize(..MONTHS.len())],
            year(s + 1)
        ));
        story.single(f1, s + 1, renamed);
        story.pair(0, 1, format!("[renamed] the {old} became the {new}; only the later update names the old programme"), true);
        out.push(story);
    }

    for n in 0..instances(SPLITS.len()) {
        let (name, steps) = SPLITS[(council + n) % SPLITS.len()];
        let mut story = Story::new(key(2, n));
        let place = story.place(1);
        let (Some(s), Some(f0), Some(f1)) = (
            start(&mut rng, 2),
            pick(&mut rng, &any),
            pick(&mut rng, &HIERARCHICAL),
        ) else {
            continue;
        };
        let old = format!("{place} {name}");
        story.single(f0, s, story.item(0, old.clone(), &place));
        let parts = rng.usize(2..=3);
        let mut block = vec![story.item(1, old.clone(), &place)];
        story.pair(
            0,
            1,
            format!("[split] the {old} carried forward as the heading of its sub-actions"),
            true,
        );
        for (k, step) in steps.iter().take(parts).enumerate() {
            let step = fill(step, &place);
            block.push(story.item(2 + k as u8, step.clone(), &place));
            story.pair(
                0,
                2 + k as u8,
                format!("[split] the {old} split the next year; sub-action: {step}"),
                true,
            );
        }
        story.group(f1, s + 1, block, None);
        out.push(story);
    }

    for n in 0..instances(MERGES.len()) {
        let (parent, steps, merged) = MERGES[(council + n) % MERGES.len()];
        let mut story = Story::new(key(3, n));
        let place = story.place(1);
        let (Some(s), Some(f0), Some(f1)) = (
            start(&mut rng, 2),
            pick(&mut rng, &HIERARCHICAL),
            pick(&mut rng, &any),
        ) else {
            continue;
        };
        let parent = fill(parent, &place);
        let merged = fill(merged, &place);
        let parts = rng.usize(2..=3);
        let mut block = vec![story.item(1, parent.clone(), &place)];
        story.pair(
            1,
            0,
            format!("[merged] the {parent} and its sub-actions merged into one the next year"),
            true,
        );
        for (k, step) in steps.iter().take(parts).enumerate() {
            let step = fill(step, &place);
            block.push(story.item(2 + k as u8, step.clone(), &place));
            story.pair(
                2 + k as u8,
                0,
                format!("[merged] sub-action {step} merged into: {merged}"),
                true,
            );
        }
        story.group(f0, s, block, None);
        story.single(f1, s + 1, story.item(0, merged, &place));
        out.push(story);
    }

    for n in 0..instances(INITIALS.len()) {
        let name = INITIALS[(council + n) % INITIALS.len()];
        let mut story = Story::new(key(4, n));
        let full = format!("{} {name}", story.place(1));
        let abbreviation = initials(&full);
        let span = years.min(3);
        let Some(s) = start(&mut rng, span.max(2)) else {
            continue;
        };
        let Some(f0) = pick(&mut rng, &any) else {
            continue;
        };
        story.single(
            f0,
            s,
            story.item(0, format!("{full} ({abbreviation})"), &abbreviation),
        );
        for (k, bare) in BARE_USES.iter().take(span - 1).enumerate() {
            let Some(f) = pick(&mut rng, &any) else {
                continue;
            };
            let bare = bare.replace("{A}", &abbreviation);
            story.single(
                f,
                s + 1 + k,
                story.item(1 + k as u8, bare.clone(), &abbreviation),
            );
            story.pair(
                0,
                1 + k as u8,
                format!(
                    "[initials] {abbreviation} defined once as the {full} and used bare: {bare}"
                ),
                true,
            );
        }
        out.push(story);
    }

    for n in 0..instances(CLIPS.len()) {
        let (name, word, clip) = CLIPS[(council + n) % CLIPS.len()];
        let mut story = Story::new(key(5, n));
        let place = story.place(1);
        let (Some(s), Some(f0), Some(f1)) = (
            start(&mut rng, 2),
            pick(&mut rng, &any),
            pick(&mut rng, &any),
        ) else {
            continue;
        };
        let full = format!("{place} {name}");
        let clipped = full.replace(word, clip);
        story.single(f0, s, story.item(0, full.clone(), &place));
        story.single(f1, s + 1, story.item(1, clipped.clone(), &place));
        story.pair(
            0,
            1,
            format!("[clipped] \"{clip}\" for \"{word}\": {full} / {clipped}"),
            true,
        );
        out.push(story);
    }

    for n in 0..instances(TITLES.len()) {
        let (title, action) = TITLES[(council + n) % TITLES.len()];
        let mut story = Story::new(key(6, n));
        let place = story.place(1);
        let heading_family = if options.families.contains(&Family::AgsActionPlanUpdate) {
            Some(Family::AgsActionPlanUpdate)
        } else {
            pick(&mut rng, &any)
        };
        let (Some(s), Some(f0), Some(f1)) = (
            start(&mut rng, 2),
            heading_family,
            pick(&mut rng, &SENTENCES),
        ) else {
            continue;
        };
        let title = format!("{place} {title}");
        let action = fill(action, &place);
        story.single(f0, s, story.item(0, title.clone(), &place));
        story.single(f1, s + 1, story.item(1, action, &place));
        story.pair(
            0,
            1,
            format!("[title-to-action] the heading {title} restated as a long action"),
            true,
        );
        out.push(story);
    }

    if options.families.contains(&Family::ImprovementPlanTracker) {
        for n in 0..instances(EDITIONS.len()) {
            let (workstream, editions) = EDITIONS[(council + n) % EDITIONS.len()];
            let mut story = Story::new(key(7, n));
            let place = story.place(1);
            let span = years.min(editions.len());
            let Some(s) = start(&mut rng, span.max(2)) else {
                continue;
            };
            let pin = Pin {
                workstream: format!("{place} {workstream}"),
                letter: char::from(b'V' + n as u8),
            };
            for (e, (objective, action)) in editions.iter().take(span).enumerate() {
                let role = 2 * e as u8;
                let block = vec![
                    story.item(role, fill(objective, &place), &place),
                    story.item(role + 1, fill(action, &place), &place),
                ];
                story.group(
                    Family::ImprovementPlanTracker,
                    s + e,
                    block,
                    Some(pin.clone()),
                );
                if e > 0 {
                    story.pair(
                        role - 2,
                        role,
                        format!(
                            "[edition] the {} objective keeps its ref and workstream, reworded",
                            pin.workstream
                        ),
                        true,
                    );
                    story.pair(
                        role - 1,
                        role + 1,
                        format!(
                            "[edition] the {} action keeps its ref and workstream, reworded",
                            pin.workstream
                        ),
                        true,
                    );
                }
            }
            out.push(story);
        }
    }

    for n in 0..instances(TOPIC_WORDS.len()) {
        let (one, other, apart) = TOPIC_WORDS[(council + n) % TOPIC_WORDS.len()];
        let mut story = Story::new(key(8, n));
        let place = story.place(1);
        let (Some(s), Some(f0), Some(f1)) = (
            start(&mut rng, 2),
            pick(&mut rng, &any),
            pick(&mut rng, &any),
        ) else {
            continue;
        };
        let (one, other) = (fill(one, &place), fill(other, &place));
        story.single(f0, s, story.item(0, one.clone(), &place));
        story.single(f1, s + 1, story.item(1, other.clone(), &place));
        story.pair(0, 1, format!("[decoy:topic-word] {one} and {other} share their topic words but are different issues: {apart}"), false);
        out.push(story);
    }

    for n in 0..instances(GENERIC.len() / 2) {
        let one = GENERIC[(council + 2 * n) % GENERIC.len()];
        let other = GENERIC[(council + 2 * n + 1) % GENERIC.len()];
        let mut story = Story::new(key(9, n));
        let (p, q) = (story.place(1), story.place(2));
        let (Some(s), Some(f0), Some(f1)) = (
            start(&mut rng, 2),
            pick(&mut rng, &UNPREFIXED),
            pick(&mut rng, &UNPREFIXED),
        ) else {
            continue;
        };
        let one = format!("{GENERIC_WORDING} {}", fill(one, &p));
        let other = format!("{GENERIC_WORDING} {}", fill(other, &q));
        story.single(f0, s, story.item(0, one.clone(), &p));
        story.single(f1, s + 1, story.item(1, other.clone(), &q));
        story.pair(0, 1, format!("[decoy:generic] only the generic wording \"{GENERIC_WORDING}\" is shared: {one} / {other}"), false);
        out.push(story);
    }

    for n in 0..instances(AMBIGUOUS_INITIALS.len()) {
        let (title, other, letters) = AMBIGUOUS_INITIALS[(council + n) % AMBIGUOUS_INITIALS.len()];
        let mut story = Story::new(key(10, n));
        let (p, q) = (story.place(1), story.place(2));
        let (Some(s), Some(f0), Some(f1)) = (
            start(&mut rng, 2),
            pick(&mut rng, &any),
            pick(&mut rng, &any),
        ) else {
            continue;
        };
        let title = fill(title, &p);
        let other = other.replace("{Q}", &q);
        story.single(f0, s, story.item(0, title.clone(), &p));
        story.single(f1, s + 1, story.item(1, other.clone(), &q));
        story.pair(0, 1, format!("[decoy:initials] {letters} are the initials of the {title}, but mean something else, spelt in lower case, in: {other}"), false);
        out.push(story);
    }
    out
}

/// The blocks of restatement and decoy items that document `slot` of `family` by `council`
/// holds, each with whether it opens the document.
pub(crate) fn blocks(
    options: &SynthOptions,
    family: Family,
    council: usize,
    slot: usize,
) -> Vec<(bool, Vec<Item>)> {
    stories(options, council)
        .into_iter()
        .flat_map(|story| story.occurrences)
        .filter(|o| o.family == family && o.slot == slot)
        .map(|o| (o.front, o.items))
        .collect()
}

/// The pairs planted in every council's stories; pairs naming a document that is not
/// generated are dropped by the caller.
pub(crate) fn pairs(options: &SynthOptions) -> Vec<Planted> {
    let councils = options.documents.div_ceil(options.years.max(1) as usize);
    (0..councils)
        .flat_map(|council| stories(options, council))
        .flat_map(|story| story.pairs)
        .collect()
}

/// Puts `blocks` into `items`: front blocks first, in order; the others at random places
/// between blocks, never inside one.
pub(crate) fn insert(items: &mut Vec<Item>, blocks: Vec<(bool, Vec<Item>)>, rng: &mut Rng) {
    let mut front = 0;
    for (at_front, block) in blocks {
        let len = block.len();
        let at = if at_front {
            front
        } else {
            let mut at = rng.usize(front..=items.len());
            while inside_group(items, at) {
                at += 1;
            }
            at
        };
        items.splice(at..at, block);
        if at_front {
            front += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{generate, Corpus, SynthDocument, SynthOptions};
    use std::collections::BTreeSet;

    fn restated(seed: u64) -> Corpus {
        generate(&SynthOptions {
            documents: 6,
            years: 6,
            seed,
            restatements: true,
            ..SynthOptions::default()
        })
    }

    fn kinds(pairs: &[govtrail_model::ExpectedPair]) -> BTreeSet<String> {
        pairs
            .iter()
            .filter_map(|p| p.note.as_deref())
            .filter_map(|n| n.strip_prefix('[')?.split_once(']'))
            .map(|(kind, _)| kind.to_owned())
            .collect()
    }

    fn document<'a>(corpus: &'a Corpus, name: &str) -> &'a SynthDocument {
        corpus
            .documents
            .iter()
            .find(|d| d.name == name)
            .unwrap_or_else(|| panic!("no document {name}"))
    }

    #[test]
    fn every_kind_and_decoy_is_planted_between_existing_refs() {
        let corpus = restated(3);
        let must = [
            "clipped",
            "edition",
            "initials",
            "merged",
            "renamed",
            "split",
            "title-to-action",
        ];
        let decoys = ["decoy:generic", "decoy:initials", "decoy:topic-word"];
        assert_eq!(kinds(&corpus.expected.must), must.map(String::from).into());
        assert_eq!(
            kinds(&corpus.expected.must_not),
            decoys.map(String::from).into()
        );
        for pair in corpus.expected.must.iter().chain(&corpus.expected.must_not) {
            let [(a, ref_a), (b, ref_b)] = &pair.pair;
            let (a, b) = (document(&corpus, a), document(&corpus, b));
            assert!(a.refs.contains(ref_a), "{} has no {ref_a}", a.name);
            assert!(b.refs.contains(ref_b), "{} has no {ref_b}", b.name);
            assert!(a.name != b.name, "{pair:?}");
        }
    }

    #[test]
    fn same_seed_same_bytes_and_the_default_corpus_differs() {
        let texts =
            |c: &Corpus| -> Vec<String> { c.documents.iter().map(|d| d.text_dump()).collect() };
        assert_eq!(restated(3), restated(3));
        assert_ne!(texts(&restated(3)), texts(&restated(4)));
        let default = generate(&SynthOptions {
            documents: 6,
            years: 6,
            seed: 3,
            ..SynthOptions::default()
        });
        assert_ne!(texts(&default), texts(&restated(3)));
    }

    #[test]
    fn each_kind_reads_as_planted() {
        let corpus = restated(3);
        let noted = |kind: &'static str| {
            corpus
                .expected
                .must
                .iter()
                .chain(&corpus.expected.must_not)
                .filter(move |p| p.note.as_deref().is_some_and(|n| n.starts_with(kind)))
        };
        for pair in noted("[renamed]") {
            let later = document(&corpus, &pair.pair[1].0).text_dump();
            assert!(
                later.contains("replacing the arrangements that supported the"),
                "{pair:?}"
            );
        }
        for pair in noted("[edition]") {
            let [(a, ref_a), (b, ref_b)] = &pair.pair;
            assert_eq!(ref_a, ref_b);
            assert!(
                a.starts_with("tracker_") && b.starts_with("tracker_"),
                "{pair:?}"
            );
        }
        // Sub-actions are numbered under the parent they split from: I3 and I3.1, or
        // SD.B9.0 and SD.B9.1.
        let mut parents = BTreeSet::new();
        for pair in noted("[split]") {
            let (doc, reference) = &pair.pair[1];
            let stem = reference.trim_end_matches(".0");
            parents.insert((doc.clone(), stem.to_owned()));
        }
        for pair in noted("[split]") {
            let (doc, reference) = &pair.pair[1];
            assert!(
                parents
                    .iter()
                    .any(|(d, stem)| d == doc && reference.starts_with(stem.as_str())),
                "{pair:?}"
            );
        }
        for pair in noted("[decoy:initials]") {
            let title = document(&corpus, &pair.pair[0].0).text_dump();
            let other = document(&corpus, &pair.pair[1].0).text_dump();
            let meaning = if other.contains("human resources") {
                "Housing Repairs"
            } else {
                "Customer Services"
            };
            assert!(title.contains(meaning), "{pair:?}");
        }
        assert!(noted("[decoy:initials]").count() > 0);
    }

    #[test]
    fn one_year_plants_only_what_needs_no_second_year() {
        let corpus = generate(&SynthOptions {
            documents: 2,
            years: 1,
            restatements: true,
            ..SynthOptions::default()
        });
        assert!(kinds(&corpus.expected.must).is_empty());
    }
}
