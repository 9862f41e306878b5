-- Job state in columns that say it, and lookups for every decision (issue #9). Portable between H2 and PostgreSQL.

-- a cancelled job is ERROR on the wire; who cancelled it is stored, never parsed back from the message
alter table idmap_job add column cancelled_by varchar(200);

-- phases are a closed set; the two crawl phases of earlier versions became one
update idmap_job set phase = 'CRAWL' where phase in ('CRAWL_SOURCE', 'CRAWL_DESTINATION');
update idmap_job set phase = 'DONE' where status = 'SUCCESS';
update idmap_job set phase = null
    where phase not in ('QUEUED', 'STARTING', 'CRAWL', 'USER_LOOKUP', 'MATCH', 'REPORT', 'PUBLISH', 'DONE');
alter table idmap_job add constraint idmap_job_phase
    check (phase in ('QUEUED', 'STARTING', 'CRAWL', 'USER_LOOKUP', 'MATCH', 'REPORT', 'PUBLISH', 'DONE'));

-- one row per decision of a finished job (matched, ambiguous, unmatched), users and groups included;
-- rows of earlier versions were matched rows only
alter table idmap_mapping add column status varchar(10) default 'MATCHED' not null;
alter table idmap_mapping add constraint idmap_mapping_status check (status in ('MATCHED', 'AMBIGUOUS', 'UNMATCHED'));
alter table idmap_mapping alter column cloud_id drop not null;
-- user keys and group names are ids too now, as long as the staging tables allow
alter table idmap_mapping alter column server_id set data type varchar(512);
alter table idmap_mapping alter column cloud_id set data type varchar(512);
-- natural keys that identify an entity (username, group name, issue key, project/space key), when short enough
alter table idmap_mapping add column server_key varchar(300);
alter table idmap_mapping add column cloud_key varchar(300);
alter table idmap_mapping add column candidates varchar(4000);
alter table idmap_mapping add column reason varchar(4000);
create index idmap_mapping_by_server_key on idmap_mapping (job_id, entity_type, server_key);
create index idmap_mapping_by_cloud_key on idmap_mapping (job_id, entity_type, cloud_key);
