// The two ways these APIs page: a NextToken handed back until the last page (ALB, FC), and page numbers
// until TotalCount items were seen (Alidns). Each adapter says how to fetch one page; these walk them all.

export async function allTokenPages<T>(
  fetchPage: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken?: string }>,
): Promise<T[]> {
  const all: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await fetchPage(nextToken);
    all.push(...page.items);
    nextToken = page.nextToken || undefined;
  } while (nextToken);
  return all;
}

export async function allNumberedPages<T>(
  fetchPage: (pageNumber: number) => Promise<{ items: T[]; totalCount: number }>,
): Promise<T[]> {
  const all: T[] = [];
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await fetchPage(pageNumber);
    all.push(...page.items);
    if (page.items.length === 0 || all.length >= page.totalCount) return all;
  }
}
