/**
 * What the Jira and Confluence connectors share because both read Atlassian REST APIs: reading their JSON into the
 * strings of the crawl contract, and building an entity's attributes.
 */
package dev.idmap.connectors.atlassian;
