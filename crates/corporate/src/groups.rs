//! CP groups: which corporate-plan deliverable each directorate action serves.
//!
//! The CP Ref and Deliverable cells are merged over all the action rows of their group and
//! vertically centred, so the extraction prints the CP ref on the group's middle row and
//! spreads the deliverable's lines over the rows around it:
//!
//! ```text
//!                        CH15  Continue to support Sandwell Children's Trust ...   <- B8
//!   88 We will work with Sandwell Children's Trust ...  LG6  Legal and Assurance ...  <- B8
//!                        CH4   Ensuring the Council maintains a safeguarding ...   <- B8
//! ```
//!
//! Carrying the last printed CP ref forward puts `CH15` under the group above. Instead the
//! groups are rebuilt from what is printed (refs, and deliverable fragments joined while one
//! continues the other), then the rows between two groups are split where each group's
//! printed ref lies closest to the vertical middle of its rows, rows being as tall as the
//! text they hold. Groups whose ref is unreadable (`ı`, `CO`, `88`) or missing take the
//! next number of the section's sequence.
//!
//! Other councils print the merged cells at the top of their group: the ref and the
//! deliverable's first line on the group's first row, the rest of the text below it, and the
//! group's last rows empty in both columns:
//!
//! ```text
//!   E1  We will help local firms to grow by opening   ED1 ...   <- E1
//!       a business advice service in every town ...   ED2 ...   <- E1
//!                                                     ED3 ...   <- E1 (not E2)
//!   E2  We will bring empty shops back into use ...   ED4 ...   <- E2
//! ```
//!
//! A section is read so (each group starting on its ref's row) only when all its evidence
//! agrees: its first row prints a ref, no group prints a deliverable fragment above its ref or
//! starts its text on another row than its ref, and at least one deliverable ran on below a
//! ref row too short to hold half of it, which a centred cell would have spread above the ref
//! as well.

use crate::cells::PrintedRef;

/// What the rows of one action contribute to the grouping.
#[derive(Clone, Debug, Default)]
pub(crate) struct Slot {
    /// Estimated printed height, in text lines.
    pub height: f64,
    /// CP refs printed on the slot's rows.
    pub marks: Vec<PrintedRef>,
    /// Deliverable fragments printed on the slot's rows, in order.
    pub fragments: Vec<String>,
}

/// One CP group after assignment.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Group {
    /// The canonical CP ref (`B8`), printed or inferred.
    pub cp_ref: Option<String>,
    /// The ref as printed, when it differs from `cp_ref` or was unreadable.
    pub printed: Option<String>,
    /// True when `cp_ref` was inferred from the sequence.
    pub inferred: bool,
    /// The deliverable text rebuilt from its fragments.
    pub deliverable: Option<String>,
    /// Indices of the slots that belong to the group.
    pub members: Vec<usize>,
}

#[derive(Debug)]
struct Building {
    first: usize,
    last: usize,
    mark: Option<(usize, PrintedRef)>,
    text: Vec<String>,
    /// First and last slot holding a fragment of the text.
    fragment_rows: Option<(usize, usize)>,
}

impl Building {
    /// The last fragment of the text, which decides whether the next one carries it on.
    fn tail(&self) -> &str {
        self.text.last().map_or("", String::as_str)
    }

    /// Characters of the text so far, counting the spaces that join its fragments.
    fn chars(&self) -> usize {
        self.text.iter().map(|t| t.chars().count() + 1).sum()
    }

    fn text(&self) -> String {
        self.text.join(" ")
    }

    /// The lines the deliverable text takes in its column.
    fn lines(&self) -> f64 {
        (self.text().chars().count() as f64 / DELIVERABLE_CHARS_PER_LINE).ceil()
    }
}

/// The longest deliverable text a group gathers, in characters.
const MAX_DELIVERABLE_CHARS: usize = 2_000;

/// True when `fragment` carries on the deliverable text whose last fragment is `so_far` rather than starting a new
/// one: it starts in lower case, is too short to be a deliverable of its own ("Suck modes."),
/// or `so_far` stops mid-sentence ("We will continue to prepare for emerging Health").
fn continues(so_far: &str, fragment: &str) -> bool {
    let lower = fragment.chars().next().is_some_and(char::is_lowercase);
    if so_far.is_empty() || opens_deliverable(fragment) {
        return lower;
    }
    lower
        || fragment.split_whitespace().count() < 4
        || !so_far.trim_end().ends_with(['.', '!', '?', ')'])
}

/// True for the words corporate-plan deliverables open with ("We will ...", "Through working
/// with ...", "Our ..."): such a fragment starts a deliverable even when the one above stops
/// without a full stop ("... reduce persistent absence" / "We will work with schools ...").
fn opens_deliverable(fragment: &str) -> bool {
    let first = fragment.split_whitespace().next().unwrap_or_default();
    matches!(first, "We" | "Through" | "Our")
}

fn build(slots: &[Slot]) -> Vec<Building> {
    let mut groups: Vec<Building> = Vec::new();
    for (k, slot) in slots.iter().enumerate() {
        let fragment = (!slot.fragments.is_empty()).then(|| slot.fragments.join(" "));
        let mark = slot.marks.first().cloned();
        if mark.is_none() && fragment.is_none() {
            continue;
        }
        // A deliverable is a sentence or two; text running on far past that is columns read
        // wrongly ("Del" / "Del" / ... on every row of a table with no CP ref read), and
        // joining it all would copy a growing text into every action.
        let carries = |g: &Building, f: &str| {
            continues(g.tail(), f) && g.chars() + f.chars().count() <= MAX_DELIVERABLE_CHARS
        };
        let joins = groups.last().is_some_and(|g| {
            let carries_on = fragment.as_deref().is_none_or(|f| carries(g, f));
            match &mark {
                Some(_) => g.mark.is_none() && carries_on,
                None => fragment.as_deref().is_some_and(|f| carries(g, f)),
            }
        });
        match groups.last_mut().filter(|_| joins) {
            Some(g) => {
                g.last = k;
                if let Some(m) = mark {
                    g.mark = Some((k, m));
                }
                if fragment.is_some() {
                    let first = g.fragment_rows.map_or(k, |(f, _)| f);
                    g.fragment_rows = Some((first, k));
                }
                g.text.extend(fragment);
            }
            None => groups.push(Building {
                first: k,
                last: k,
                mark: mark.map(|m| (k, m)),
                fragment_rows: fragment.is_some().then_some((k, k)),
                text: fragment.into_iter().collect(),
            }),
        }
    }
    groups
}

/// Splits `slots` into groups; see the module documentation.
pub(crate) fn assign(slots: &[Slot]) -> Vec<Group> {
    let built = build(slots);
    if built.is_empty() {
        return Vec::new();
    }
    let bounds = if top_aligned(slots, &built) {
        top_aligned_bounds(slots.len(), &built)
    } else {
        split_points(slots, &built)
    };
    let letter = section_letter(&built);
    let mut previous_number = 0u32;
    let mut out = Vec::with_capacity(built.len());
    for (i, g) in built.iter().enumerate() {
        let printed = g.mark.as_ref().map(|(_, m)| m);
        let readable = printed
            .and_then(|m| m.canonical.as_deref())
            .and_then(split_ref)
            .filter(|(l, _)| Some(*l) == letter);
        let (cp_ref, inferred) = match (readable, letter) {
            (Some((l, n)), _) => (Some(format!("{l}{n}")), false),
            (None, Some(l)) => (Some(format!("{l}{}", previous_number + 1)), true),
            (None, None) => (None, false),
        };
        if let Some((_, n)) = cp_ref.as_deref().and_then(split_ref) {
            previous_number = n;
        }
        let printed = printed
            .map(|m| m.raw.clone())
            .filter(|raw| Some(raw.as_str()) != cp_ref.as_deref());
        let text = g.text();
        out.push(Group {
            cp_ref,
            printed,
            inferred,
            deliverable: (!text.is_empty()).then_some(text),
            members: (bounds[i]..bounds[i + 1]).collect(),
        });
    }
    out
}

/// True when the section's merged cells are printed at the top of their groups; see the
/// module documentation for the evidence asked for.
fn top_aligned(slots: &[Slot], groups: &[Building]) -> bool {
    let first_row_prints_ref = groups
        .first()
        .is_some_and(|g| matches!(g.mark, Some((0, _))));
    let mut ran_on_below = false;
    for g in groups {
        let (Some((mark, _)), Some((first, last))) = (&g.mark, g.fragment_rows) else {
            continue;
        };
        if first != *mark {
            return false;
        }
        let ref_row_lines = slots[*mark].height.max(1.0);
        ran_on_below |= last > *mark && 2.0 * ref_row_lines <= g.lines();
    }
    first_row_prints_ref && ran_on_below
}

/// The first slot of each group (and the slot count at the end) when every group starts on
/// the row of its ref (or of its first fragment, when no ref was printed).
fn top_aligned_bounds(slot_count: usize, groups: &[Building]) -> Vec<usize> {
    let mut bounds = vec![0];
    bounds.extend(groups.iter().skip(1).map(|g| g.first));
    bounds.push(slot_count);
    bounds
}

/// `B12` → (`'B'`, 12) for a one-letter ref.
fn split_ref(canonical: &str) -> Option<(char, u32)> {
    let mut chars = canonical.chars();
    let letter = chars.next().filter(char::is_ascii_uppercase)?;
    let number = chars.as_str().parse().ok()?;
    Some((letter, number))
}

/// The letter most of the section's readable one-letter CP refs carry (`B` in "The Best
/// Start in Life"); a printed ref with another letter (`IR1`) is unreadable.
fn section_letter(groups: &[Building]) -> Option<char> {
    let mut counts: Vec<(char, usize)> = Vec::new();
    for (_, mark) in groups.iter().filter_map(|g| g.mark.as_ref()) {
        if let Some((l, _)) = mark.canonical.as_deref().and_then(split_ref) {
            match counts.iter_mut().find(|(c, _)| *c == l) {
                Some((_, n)) => *n += 1,
                None => counts.push((l, 1)),
            }
        }
    }
    counts.into_iter().max_by_key(|&(_, n)| n).map(|(l, _)| l)
}

/// How much being off the middle of the anchor rows counts against a split, next to falling
/// outside them.
const OFF_CENTRE_WEIGHT: f64 = 0.1;

/// How much a deliverable text that would overflow the rows it was printed on counts.
const TEXT_WEIGHT: f64 = 0.5;

/// Printed characters per line of the deliverable column.
const DELIVERABLE_CHARS_PER_LINE: f64 = 40.0;

/// The first slot of each group (and the slot count at the end): the boundaries that put each
/// group's anchor (its printed ref, else the middle of its fragments) nearest the vertical
/// middle of its rows. Slots before the first group belong to it; ties keep rows with the
/// group above.
fn split_points(slots: &[Slot], groups: &[Building]) -> Vec<usize> {
    let mut top = vec![0.0; slots.len() + 1];
    for (k, slot) in slots.iter().enumerate() {
        top[k + 1] = top[k] + slot.height.max(1.0);
    }
    // The rows holding each group's printed ref (else its fragments): the group's vertical
    // middle must fall within them.
    let anchors: Vec<(f64, f64)> = groups
        .iter()
        .map(|g| match &g.mark {
            Some((k, _)) => (top[*k], top[*k + 1]),
            None => (top[g.first], top[g.last + 1]),
        })
        .collect();
    // The span of each group's deliverable fragments and the lines its text takes: the text
    // is centred in the group too, so it must fit within the rows it was printed on.
    let texts: Vec<(f64, f64, f64)> = groups
        .iter()
        .map(|g| {
            let (first, last) = g.fragment_rows.unwrap_or((g.first, g.last));
            (top[first], top[last + 1], g.lines())
        })
        .collect();
    let n = groups.len();
    // Candidate first slots of group i (i ≥ 1): after the fragments of group i-1, up to its
    // own first fragment.
    let candidates: Vec<Vec<usize>> = (0..=n)
        .map(|i| match i {
            0 => vec![0],
            i if i == n => vec![slots.len()],
            i => (groups[i - 1].last + 1..=groups[i].first).collect(),
        })
        .collect();
    let cost = |i: usize, from: usize, to: usize| {
        let middle = (top[from] + top[to]) / 2.0;
        let (upper, lower) = anchors[i];
        let outside = (upper - middle).max(middle - lower).max(0.0);
        // Within the anchor rows, nearer their middle is likelier; the tiny pull towards later
        // boundaries keeps tied rows with the group above.
        let off_centre = (middle - (upper + lower) / 2.0).abs();
        let (text_top, text_bottom, lines) = texts[i];
        let text_outside = ((text_top - (middle - lines / 2.0)).max(0.0)
            + ((middle + lines / 2.0) - text_bottom).max(0.0))
            * TEXT_WEIGHT;
        outside + text_outside + OFF_CENTRE_WEIGHT * off_centre - to as f64 * 1e-6
    };
    // best[i][c]: least cost of groups 0..i with group i starting at candidates[i][c].
    let mut best: Vec<Vec<(f64, usize)>> = vec![vec![(0.0, 0)]];
    for i in 1..=n {
        let row = candidates[i]
            .iter()
            .map(|&to| {
                best[i - 1]
                    .iter()
                    .enumerate()
                    .map(|(c, &(acc, _))| (acc + cost(i - 1, candidates[i - 1][c], to), c))
                    .min_by(|a, b| a.0.total_cmp(&b.0))
                    .unwrap_or((f64::INFINITY, 0))
            })
            .collect();
        best.push(row);
    }
    let mut bounds = vec![0; n + 1];
    let mut c = 0;
    for i in (1..=n).rev() {
        bounds[i] = candidates[i][c];
        c = best[i][c].1;
    }
    bounds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(height: f64, mark: Option<&str>, fragment: Option<&str>) -> Slot {
        Slot {
            height,
            marks: mark
                .map(|m| PrintedRef {
                    raw: m.to_owned(),
                    canonical: govtrail_parse::lookalike::fold_ref(m),
                })
                .into_iter()
                .collect(),
            fragments: fragment.map(str::to_owned).into_iter().collect(),
        }
    }

    #[test]
    fn a_deliverable_stops_gathering_text_at_its_cap() {
        // A table with its columns misread: "Del" on every row, no CP ref read. Each short
        // fragment would carry on the one above, one deliverable for all the rows.
        let slots: Vec<Slot> = (0..5_000).map(|_| slot(1.0, None, Some("Del"))).collect();
        let built = build(&slots);
        assert!(built.len() > 1);
        assert!(built
            .iter()
            .all(|g| g.text().chars().count() <= MAX_DELIVERABLE_CHARS));
        assert_eq!(built.iter().map(|g| g.text.len()).sum::<usize>(), 5_000);
    }

    #[test]
    fn a_row_above_a_centred_ref_belongs_to_it() {
        // B7 (one row), then B8 printed on the middle of three rows.
        let slots = [
            slot(
                4.0,
                Some("B7"),
                Some("We will be a council that understands trauma."),
            ),
            slot(5.0, None, None),
            slot(
                9.0,
                Some("88"),
                Some("We will work with Sandwell Children's Trust."),
            ),
            slot(5.0, None, None),
        ];
        let groups = assign(&slots);
        assert_eq!(groups[1].cp_ref.as_deref(), Some("B8"));
        assert!(
            groups[1].inferred,
            "88 is unreadable; B8 comes from the sequence"
        );
        assert_eq!(groups[1].members, vec![1, 2, 3]);
    }

    #[test]
    fn a_deliverable_above_its_ref_joins_it() {
        // "We will continue to prepare for emerging Health" / "L3 Protection risks ..."
        let slots = [
            slot(2.0, Some("L2"), Some("We will invest in the community.")),
            slot(
                1.0,
                None,
                Some("We will continue to prepare for emerging Health"),
            ),
            slot(
                1.0,
                Some("L3"),
                Some("Protection risks and support uptake."),
            ),
        ];
        let groups = assign(&slots);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[1].cp_ref.as_deref(), Some("L3"));
        assert_eq!(groups[1].members, vec![1, 2]);
        assert_eq!(
            groups[1].deliverable.as_deref(),
            Some("We will continue to prepare for emerging Health Protection risks and support uptake.")
        );
    }

    #[test]
    fn top_alignment_needs_every_group_to_agree() {
        let long = "We will help local firms to grow by opening a business";
        let top = [
            slot(1.0, Some("E1"), Some(long)),
            slot(1.0, None, Some("advice service in every town centre.")),
            slot(1.0, None, None),
            slot(
                1.0,
                Some("E2"),
                Some("We will bring empty shops back into use."),
            ),
            slot(1.0, None, None),
        ];
        assert!(top_aligned(&top, &build(&top)));
        let members: Vec<_> = assign(&top).into_iter().map(|g| g.members).collect();
        assert_eq!(members, vec![vec![0, 1, 2], vec![3, 4]]);

        // A ref row tall enough for half the text: a centred cell may run on below it alone.
        let mut tall = top.clone();
        tall[0].height = 3.0;
        assert!(!top_aligned(&tall, &build(&tall)));

        // A fragment printed above its group's ref: the cell is centred.
        let mut above = top.clone();
        above[3].fragments.clear();
        above[2]
            .fragments
            .push("We will bring empty shops back into use.".to_owned());
        assert!(!top_aligned(&above, &build(&above)));

        // Rows before the first ref: the first cell is centred.
        let mut late = top.to_vec();
        late.insert(0, slot(1.0, None, None));
        assert!(!top_aligned(&late, &build(&late)));
    }

    #[test]
    fn unreadable_and_missing_refs_follow_the_sequence() {
        let slots = [
            slot(1.0, Some("IR1"), Some("We will promote communication.")),
            slot(1.0, Some("B2"), Some("We will seek additional support.")),
            slot(
                1.0,
                None,
                Some("We will work with schools and other providers."),
            ),
            slot(1.0, Some("ı"), Some("We will enable people to get around.")),
        ];
        let refs: Vec<_> = assign(&slots)
            .into_iter()
            .map(|g| (g.cp_ref, g.inferred))
            .collect();
        assert_eq!(
            refs,
            vec![
                (Some("B1".into()), true),
                (Some("B2".into()), false),
                (Some("B3".into()), true),
                (Some("B4".into()), true)
            ]
        );
    }
}
