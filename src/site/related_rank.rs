//! The best classes for one class of posts (see [`super::related`]): scores by shared
//! groups, then the newest posts from the highest score down. Only the classes at the scores
//! that can fill the list are looked at after scoring: most classes met share one group and
//! are never listed.

/// Posts grouped by their set of groups, and the inverted index.
pub struct Classes<'a> {
    /// Each class's groups, ascending, each once.
    pub groups: Vec<&'a [u32]>,
    /// Each class's posts, newest first.
    pub posts: Vec<Vec<usize>>,
    /// Each group's classes.
    pub in_group: Vec<Vec<u32>>,
    /// Each page's place among the posts, newest first.
    pub position: &'a [usize],
}

/// One thread's scratch space.
pub struct Ranker {
    scores: Vec<u32>,
    /// The classes met, each once, in `seen[..met]`.
    seen: Vec<u32>,
}

impl Ranker {
    pub fn new(classes: usize) -> Ranker {
        Ranker {
            scores: vec![0; classes],
            seen: Vec::new(),
        }
    }

    /// The first `want` posts of the best classes for class `c`: the most shared groups
    /// first, newer first among equals (the class's own posts among them).
    pub fn rank(&mut self, k: &Classes, c: usize, want: usize) -> Vec<usize> {
        let groups = k.groups[c];
        let reach: usize = groups.iter().map(|&g| k.in_group[g as usize].len()).sum();
        if self.seen.len() <= reach {
            self.seen.resize(reach + 1, 0);
        }
        let mut met = 0;
        for &g in groups {
            met = self.scan(&k.in_group[g as usize], met);
        }
        let top = groups.len();
        let needed = self.lowest_listed(k, met, top, want);
        // Classes by score, from the top down to the lowest score listed.
        let mut levels: Vec<Vec<usize>> = vec![Vec::new(); top + 1 - needed];
        for &d in &self.seen[..met] {
            let d = d as usize;
            let score = self.scores[d] as usize;
            if score >= needed {
                levels[top - score].push(d);
            }
            self.scores[d] = 0;
        }
        let mut out: Vec<usize> = Vec::with_capacity(want);
        for level in levels {
            // The newest posts of the classes with this score.
            let room = want - out.len();
            let mut posts: Vec<usize> = level
                .iter()
                .flat_map(|&d| k.posts[d].iter().take(room))
                .copied()
                .collect();
            if posts.len() > room {
                posts.select_nth_unstable_by_key(room - 1, |&i| k.position[i]);
                posts.truncate(room);
            }
            posts.sort_unstable_by_key(|&i| k.position[i]);
            out.extend(posts);
            if out.len() >= want {
                break;
            }
        }
        out
    }

    /// Adds one to the score of each class of a group, noting those met for the first time
    /// after `seen[..met]` (written always, kept only then: no branch in the loop).
    fn scan(&mut self, group: &[u32], mut met: usize) -> usize {
        for &d in group {
            let score = &mut self.scores[d as usize];
            self.seen[met] = d;
            met += usize::from(*score == 0);
            *score += 1;
        }
        met
    }

    /// The highest score at which, with all those above it, the classes met have `want`
    /// posts (1 when they have fewer).
    fn lowest_listed(&self, k: &Classes, met: usize, top: usize, want: usize) -> usize {
        let mut posts_at = vec![0usize; top + 1];
        for &d in &self.seen[..met] {
            posts_at[self.scores[d as usize] as usize] += k.posts[d as usize].len();
        }
        let mut above = 0;
        for score in (1..=top).rev() {
            above += posts_at[score];
            if above >= want {
                return score;
            }
        }
        1
    }
}
