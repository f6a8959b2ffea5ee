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
}
