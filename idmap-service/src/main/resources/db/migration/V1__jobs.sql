-- idmap schema; portable between H2 (PostgreSQL mode) and PostgreSQL.

create table idmap_job (
    job_id              varchar(64)  primary key,
    owner               varchar(200) not null,
    product             varchar(20)  not null,
    source_url          varchar(500) not null,
    destination_url     varchar(500) not null,
    status              varchar(20)  not null,
    -- set while PENDING/IN_PROGRESS so that an identical trigger finds the running job; null once final
    active_key          varchar(1200) unique,
    created_at          timestamp with time zone not null,
    started_at          timestamp with time zone,
    completed_at        timestamp with time zone,
    phase               varchar(60),
    parts_done          integer not null default 0,
    parts_total         integer not null default 0,
    entities_processed  bigint  not null default 0,
    error_message       text,
    result_json         text,
    report_deleted      boolean not null default false,
    check (status in ('PENDING', 'IN_PROGRESS', 'SUCCESS', 'ERROR'))
);
create index idmap_job_owner_created on idmap_job (owner, created_at);
create index idmap_job_status on idmap_job (status);

-- matched rows of finished jobs, for per-ID lookups in both directions
create table idmap_mapping (
    job_id       varchar(64)  not null,
    entity_type  varchar(120) not null,
    server_id    varchar(300) not null,
    cloud_id     varchar(300) not null
);
create index idmap_mapping_by_server on idmap_mapping (job_id, entity_type, server_id);
create index idmap_mapping_by_cloud on idmap_mapping (job_id, entity_type, cloud_id);

-- small persistent settings, e.g. the generated key that signs download links
create table idmap_setting (
    setting_name   varchar(100) primary key,
    setting_value  text not null
);

-- db-scheduler's table (https://github.com/kagkarlsson/db-scheduler, PostgreSQL schema)
create table scheduled_tasks (
    task_name            varchar(200) not null,
    task_instance        varchar(200) not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean not null,
    picked_by            varchar(200),
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority, execution_time);
