//! What a link score means: the chance that the link is right.
//!
//! A score is a blend of word, heading and stated evidence; it orders pairs well, but 0.5 does
//! not mean "one in two". Each link also carries a `confidence`, the score mapped through a
//! logistic curve (Platt scaling) fitted on judged links: the judged seed set and synthetic
//! archives of restatements, each set weighing the same, linked at a low bar (0.30) so that
//! wrong links are seen too. `tests/calibration.rs` refits the curve, checks that
//! [`FITTED`] is that fit, and checks it on an archive it was not fitted on.

use serde::Serialize;

/// A logistic map from score to the chance a link is right: `1 / (1 + e^-(intercept + slope
/// × score))`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Calibration {
    /// The log-odds at score 0.
    pub intercept: f64,
    /// How much the log-odds rise per unit of score.
    pub slope: f64,
}

/// The curve shipped with this linker, as `tests/calibration.rs` fits it (refit it there when
/// scoring changes).
pub const FITTED: Calibration = Calibration {
    intercept: -3.68,
    slope: 10.78,
};

/// One judged link: its score, whether it was right, and how much it counts in a fit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Verdict {
    /// The link's score.
    pub score: f64,
    /// Whether the judged set supports it.
    pub right: bool,
    /// Its weight in a fit (each set of verdicts weighing the same).
    pub weight: f64,
}

/// A band of confidence and how its links fared.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ReliabilityBin {
    /// Lowest confidence of the band.
    pub from: f64,
    /// Highest confidence of the band (exclusive, but 1.0 for the last).
    pub to: f64,
    /// Links in the band.
    pub links: usize,
    /// Right links in the band.
    pub right: usize,
    /// Mean confidence of the band's links.
    pub predicted: f64,
}

impl ReliabilityBin {
    /// The share of the band's links that were right.
    pub fn observed(&self) -> f64 {
        if self.links == 0 {
            0.0
        } else {
            self.right as f64 / self.links as f64
        }
    }
}

/// `confidence 0.8-0.9: 28 links, 24 right (0.857 observed, 0.847 predicted)`, as
/// `eval-links` prints a band.
impl std::fmt::Display for ReliabilityBin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "confidence {:.1}-{:.1}: {} links, {} right ({:.3} observed, {:.3} predicted)",
            self.from,
            self.to,
            self.links,
            self.right,
            self.observed(),
            self.predicted
        )
    }
}

impl Calibration {
    /// The chance a link of this score is right.
    pub fn confidence(&self, score: f64) -> f64 {
        1.0 / (1.0 + (-(self.intercept + self.slope * score)).exp())
    }

    /// The weighted log-loss of `verdicts` under this curve (lower is better).
    pub fn log_loss(&self, verdicts: &[Verdict]) -> f64 {
        let total: f64 = verdicts.iter().map(|v| v.weight).sum();
        let loss: f64 = verdicts
            .iter()
            .map(|v| {
                let p = self.confidence(v.score).clamp(1e-12, 1.0 - 1e-12);
                -v.weight * if v.right { p.ln() } else { (1.0 - p).ln() }
            })
            .sum();
        if total > 0.0 {
            loss / total
        } else {
            0.0
        }
    }
}

/// The curve of least weighted log-loss over `verdicts` (Newton's method on the two
/// parameters, from the flat curve); `None` when the verdicts are all right or all wrong,
/// which no logistic curve fits.
pub fn fit(verdicts: &[Verdict]) -> Option<Calibration> {
    let rights = verdicts.iter().filter(|v| v.right).count();
    if rights == 0 || rights == verdicts.len() {
        return None;
    }
    let (mut a, mut b) = (0.0f64, 0.0f64);
    for _ in 0..100 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for v in verdicts {
            let p = Calibration {
                intercept: a,
                slope: b,
            }
            .confidence(v.score);
            let error = p - f64::from(u8::from(v.right));
            let curvature = (p * (1.0 - p)).max(1e-12);
            ga += v.weight * error;
            gb += v.weight * error * v.score;
            haa += v.weight * curvature;
            hab += v.weight * curvature * v.score;
            hbb += v.weight * curvature * v.score * v.score;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let (da, db) = ((hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det);
        a -= da;
        b -= db;
        if da.abs() < 1e-9 && db.abs() < 1e-9 {
            break;
        }
    }
    Some(Calibration {
        intercept: a,
        slope: b,
    })
}

/// `verdicts` in the ten bands of confidence a tenth wide (empty bands left out).
pub fn reliability(verdicts: &[Verdict], curve: &Calibration) -> Vec<ReliabilityBin> {
    const BANDS: usize = 10;
    let mut bins: Vec<ReliabilityBin> = (0..BANDS)
        .map(|i| ReliabilityBin {
            from: i as f64 / BANDS as f64,
            to: (i + 1) as f64 / BANDS as f64,
            links: 0,
            right: 0,
            predicted: 0.0,
        })
        .collect();
    for v in verdicts {
        let p = curve.confidence(v.score);
        let band = ((p * BANDS as f64) as usize).min(BANDS - 1);
        let bin = &mut bins[band];
        bin.links += 1;
        bin.right += usize::from(v.right);
        bin.predicted += p;
    }
    bins.retain(|b| b.links > 0);
    for bin in &mut bins {
        bin.predicted /= bin.links as f64;
    }
    bins
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(score: f64, right: bool) -> Verdict {
        Verdict {
            score,
            right,
            weight: 1.0,
        }
    }

    #[test]
    fn the_fit_recovers_the_rate_of_right_links_at_each_score() {
        // At 0.2 one link in four is right, at 0.8 three in four: the fitted curve passes
        // through both.
        let mut verdicts = Vec::new();
        for (score, right, wrong) in [(0.2, 1, 3), (0.8, 3, 1)] {
            verdicts.extend((0..right).map(|_| verdict(score, true)));
            verdicts.extend((0..wrong).map(|_| verdict(score, false)));
        }
        let curve = fit(&verdicts).expect("a mixed set fits");
        assert!((curve.confidence(0.2) - 0.25).abs() < 1e-6, "{curve:?}");
        assert!((curve.confidence(0.8) - 0.75).abs() < 1e-6, "{curve:?}");
        assert!(curve.log_loss(&verdicts) <= FITTED.log_loss(&verdicts));
    }

    #[test]
    fn all_right_fits_no_curve_and_bins_count_what_they_hold() {
        assert_eq!(fit(&[verdict(0.5, true), verdict(0.9, true)]), None);
        let curve = Calibration {
            intercept: 0.0,
            slope: 0.0,
        };
        let bins = reliability(&[verdict(0.3, true), verdict(0.9, false)], &curve);
        assert_eq!(bins.len(), 1);
        assert_eq!((bins[0].links, bins[0].right), (2, 1));
        assert!((bins[0].from - 0.5).abs() < 1e-9 && (bins[0].predicted - 0.5).abs() < 1e-9);
    }
}
