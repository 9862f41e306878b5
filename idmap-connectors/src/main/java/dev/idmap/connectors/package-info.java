/** Jira and Confluence REST clients (Data Center and Cloud) implementing the crawl ports of idmap-core. */
package dev.idmap.connectors;
