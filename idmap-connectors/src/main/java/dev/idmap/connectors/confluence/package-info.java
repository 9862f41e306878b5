/**
 * Confluence crawlers behind {@link dev.idmap.core.crawl.SiteCrawler}: Data Center ({@code dc}, {@code /rest/api})
 * on the source side and Cloud ({@code cloud}, REST v2 {@code /wiki/api/v2} plus v1 {@code /wiki/rest/api}) on the
 * destination side, sharing the entity-type table, the per-space planning ({@link
 * dev.idmap.connectors.confluence.ConfluenceCrawler}) and Confluence's paging schemes ({@link
 * dev.idmap.connectors.confluence.ConfluencePages}). What each entity carries is fixed by
 * {@code docs/crawl-contract.md}.
 */
package dev.idmap.connectors.confluence;
