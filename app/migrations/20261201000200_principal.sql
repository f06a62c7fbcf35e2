-- Who named the principal (主要负责人) and when: the principal is told on their home page.
alter table enterprises
    add column principal_set_by uuid references users (id),
    add column principal_set_at timestamptz;
