//! Related posts, computed once per build: for each post, the posts that share the most tags
//! and categories with it (each shared tag, and each shared level of the category path,
//! counts one), newer first among equals. The tag and category groups are the inverted
//! index, so a post only ever looks at the posts it shares something with.

use rayon::prelude::*;

use super::TagGroup;
use super::categories::CategoryGroup;

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
    if max == 0 {
        return vec![Vec::new(); page_count];
    }
    // Each post's terms: the posts lists it is in.
    let mut terms: Vec<Vec<&[usize]>> = vec![Vec::new(); page_count];
    let lists = tags
        .iter()
        .map(|t| t.posts.as_slice())
        .chain(categories.iter().map(|c| c.posts.as_slice()));
    for list in lists {
        if list.len() < 2 {
            continue;
        }
        for &i in list {
            terms[i].push(list);
        }
    }
    (0..page_count)
        .into_par_iter()
        .map_init(
            || (vec![0u32; page_count], Vec::new()),
            |(scores, touched), i| {
                for list in &terms[i] {
                    for &j in *list {
                        if j != i {
                            if scores[j] == 0 {
                                touched.push(j);
                            }
                            scores[j] += 1;
                        }
                    }
                }
                let mut best: Vec<(u32, usize, usize)> = Vec::with_capacity(max + 1);
                for &j in touched.iter() {
                    let key = (scores[j], position[j], j);
                    scores[j] = 0;
                    // Higher score first, then the newer post (a smaller position).
                    let at = best
                        .iter()
                        .position(|b| key.0 > b.0 || (key.0 == b.0 && key.1 < b.1))
                        .unwrap_or(best.len());
                    if at < max {
                        best.insert(at, key);
                        best.truncate(max);
                    }
                }
                touched.clear();
                best.into_iter().map(|(_, _, j)| j).collect()
            },
        )
        .collect()
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
