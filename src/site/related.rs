//! Related posts, computed once per build: for each post, the posts that share the most tags
//! and categories with it (each shared tag, and each shared level of the category path,
//! counts one), newer first among equals.
//!
//! How much two posts share depends only on their sets of groups, and posts with the same
//! tags and categories share one set (the generated 100,000-post corpus has 60,000 sets, a
//! blog with a handful of tags far fewer), so the work is done per set, a "class": each
//! class scores the classes it shares a group with (the groups are the inverted index) and
//! keeps, from the highest score down, only as many of the newest posts of those classes as
//! a post can list. Scoring post against post instead touches every post of every group a
//! post is in: with a category on a third of 100,000 posts, 7–8 s of a build against 1.9 s
//! (`HOEGO_TIMINGS=1` shows this as "related posts"). Ranking one class is
//! [`super::related_rank`].

use std::collections::HashMap;

use rayon::prelude::*;

use super::TagGroup;
use super::categories::CategoryGroup;
use super::related_rank::{Classes, Ranker};

/// Up to `max` related posts for every page (empty for standalone pages and posts that
/// share nothing), by page index. `position` is each page's place in the newest-first list
/// of posts (`usize::MAX` for standalone pages).
pub fn compute(
    page_count: usize,
    position: &[usize],
    tags: &[TagGroup],
    categories: &[CategoryGroup],
    max: usize,
) -> Vec<Vec<usize>> {
    let mut related = vec![Vec::new(); page_count];
    if max == 0 {
        return related;
    }
    // Each page's groups (those of two posts or more), by number.
    let lists = tags
        .iter()
        .map(|t| t.posts.as_slice())
        .chain(categories.iter().map(|c| c.posts.as_slice()))
        .filter(|l| l.len() >= 2);
    let mut groups: Vec<Vec<u32>> = vec![Vec::new(); page_count];
    let mut group_count = 0;
    for (n, list) in lists.enumerate() {
        group_count = n + 1;
        for &i in list {
            // Once per group, however often the list names the page: a class scores at most
            // its number of groups (`related_rank` counts on it).
            if groups[i].last() != Some(&(n as u32)) {
                groups[i].push(n as u32);
            }
        }
    }
    // The classes, each with its posts newest first.
    let mut order: Vec<usize> = (0..page_count).filter(|&i| !groups[i].is_empty()).collect();
    order.sort_by_key(|&i| position[i]);
    let mut class_of: HashMap<&[u32], usize> = HashMap::new();
    let mut classes: Vec<(&[u32], Vec<usize>)> = Vec::new();
    for &i in &order {
        let c = *class_of.entry(&groups[i]).or_insert_with(|| {
            classes.push((&groups[i], Vec::new()));
            classes.len() - 1
        });
        classes[c].1.push(i);
    }
    let mut in_group: Vec<Vec<u32>> = vec![Vec::new(); group_count];
    for (c, (set, _)) in classes.iter().enumerate() {
        for &g in *set {
            in_group[g as usize].push(c as u32);
        }
    }
    let (sets, posts): (Vec<&[u32]>, Vec<Vec<usize>>) = classes.into_iter().unzip();
    let classes = Classes {
        groups: sets,
        posts,
        in_group,
        position,
    };
    // For each class, the posts its own posts may list, best first: one more than `max`,
    // since each post leaves itself out.
    let candidates: Vec<Vec<usize>> = (0..classes.posts.len())
        .into_par_iter()
        .map_init(
            || Ranker::new(classes.posts.len()),
            |ranker, c| ranker.rank(&classes, c, max + 1),
        )
        .collect();
    for (posts, candidates) in classes.posts.iter().zip(&candidates) {
        for &i in posts {
            related[i] = candidates
                .iter()
                .copied()
                .filter(|&j| j != i)
                .take(max)
                .collect();
        }
    }
    related
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(posts: &[usize]) -> TagGroup {
        TagGroup {
            name: String::new(),
            slug: String::new(),
            posts: posts.to_vec(),
        }
    }

    #[test]
    fn most_shared_first_then_newer() {
        // Posts 0..5, newest first.
        let position = [0, 1, 2, 3, 4];
        let tags = [tag(&[0, 1, 2, 3]), tag(&[0, 3]), tag(&[4])];
        let related = compute(5, &position, &tags, &[], 2);
        assert_eq!(related[0], [3, 1]);
        assert_eq!(related[1], [0, 2]);
        assert_eq!(related[3], [0, 1]);
        assert!(related[4].is_empty());
        assert!(compute(5, &position, &tags, &[], 0)[0].is_empty());
    }
    /// Every post of every group scored: what [`compute`] must agree with.
    fn scored_in_full(position: &[usize], lists: &[Vec<usize>], max: usize) -> Vec<Vec<usize>> {
        (0..position.len())
            .map(|i| {
                let mut scores = vec![0usize; position.len()];
                for l in lists.iter().filter(|l| l.len() >= 2 && l.contains(&i)) {
                    for &j in l {
                        scores[j] += 1;
                    }
                }
                let mut found: Vec<usize> = (0..position.len())
                    .filter(|&j| j != i && scores[j] > 0)
                    .collect();
                found.sort_by_key(|&j| (std::cmp::Reverse(scores[j]), position[j]));
                found.truncate(max);
                found
            })
            .collect()
    }

    #[test]
    fn a_page_named_twice_in_a_group_counts_once() {
        let position = [0, 1, 2];
        let twice = [tag(&[0, 0, 1, 1, 2]), tag(&[0, 1, 1])];
        let once = [tag(&[0, 1, 2]), tag(&[0, 1])];
        assert_eq!(
            compute(3, &position, &twice, &[], 2),
            compute(3, &position, &once, &[], 2)
        );
    }

    #[test]
    fn classes_give_what_scoring_every_post_gives() {
        // Pages in a shuffled order of positions, groups of every size, tags and nested
        // categories alike, from a fixed pseudo-random sequence.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for round in 0..40 {
            let pages = 5 + next(120);
            let mut order: Vec<usize> = (0..pages).collect();
            for k in (1..pages).rev() {
                order.swap(k, next(k as u64 + 1));
            }
            let mut position = vec![0; pages];
            for (pos, &i) in order.iter().enumerate() {
                position[i] = pos;
            }
            let groups = 1 + next(12);
            let lists: Vec<Vec<usize>> = (0..groups)
                .map(|g| {
                    // Some groups hold most posts, as a blog's main tag does.
                    let share = if g % 4 == 0 { 90 } else { 1 + next(40) as u64 };
                    order
                        .iter()
                        .copied()
                        .filter(|_| (next(100) as u64) < share)
                        .collect()
                })
                .collect();
            let (tag_lists, category_lists) = lists.split_at(lists.len() / 2);
            let tags: Vec<TagGroup> = tag_lists.iter().map(|l| tag(l)).collect();
            let categories: Vec<CategoryGroup> = category_lists
                .iter()
                .map(|l| CategoryGroup {
                    name: String::new(),
                    path: String::new(),
                    parent: None,
                    children: Vec::new(),
                    posts: l.clone(),
                })
                .collect();
            let max = 1 + round % 6;
            assert_eq!(
                compute(pages, &position, &tags, &categories, max),
                scored_in_full(&position, &lists, max),
                "round {round}"
            );
        }
    }
}
