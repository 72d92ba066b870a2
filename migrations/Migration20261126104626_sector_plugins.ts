import { Migration } from '@mikro-orm/migrations';

export class Migration20261126104626_sector_plugins extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "energy_company_kind" as enum ('GRID', 'ELECTRICITY_SUPPLIER', 'GAS_DISTRIBUTION', 'GAS_SUPPLIER', 'HEAT_SUPPLIER');`);
    this.addSql(`create type "education_institution_kind" as enum ('SCHOOL', 'KINDERGARTEN');`);
    this.addSql(`create type "medical_organization_kind" as enum ('HOSPITAL', 'POLYCLINIC', 'FAP', 'AMBULANCE');`);
    this.addSql(`create type "road_owner" as enum ('FEDERAL', 'REGIONAL', 'MUNICIPAL');`);
    this.addSql(`create type "social_measure_provider" as enum ('OSFR', 'MIN_SOCIAL', 'MUNICIPALITY');`);
    this.addSql(`create type "bus_route_kind" as enum ('CITY', 'SUBURBAN', 'INTERCITY');`);
    this.addSql(`create type "waste_operator_role" as enum ('REGIONAL_OPERATOR', 'COLLECTOR');`);
    this.addSql(`create table "energy_company" ("id" uuid not null, "name" text not null, "short_name" text not null, "kind" "energy_company_kind" not null, "municipality_codes" text[] null, "inn" text null, "hotline" text null, "demo" boolean not null default false, constraint "energy_company_pkey" primary key ("id"));`);
    this.addSql(`alter table "energy_company" add constraint "energy_company_name_unique" unique ("name");`);

    this.addSql(`create table "housing_management_company" ("id" uuid not null, "name" text not null, "inn" text not null, "municipality_id" uuid not null, "demo" boolean not null default false, constraint "housing_management_company_pkey" primary key ("id"));`);
    this.addSql(`alter table "housing_management_company" add constraint "housing_management_company_inn_unique" unique ("inn");`);

    this.addSql(`create table "education_institution" ("id" uuid not null, "name" text not null, "kind" "education_institution_kind" not null, "address" text not null, "municipality_id" uuid not null, "demo" boolean not null default false, constraint "education_institution_pkey" primary key ("id"));`);
    this.addSql(`create index "education_institution_municipality_id_index" on "education_institution" ("municipality_id");`);

    this.addSql(`create table "waste_container_site" ("id" uuid not null, "address" text not null, "municipality_id" uuid not null, "latitude" double precision not null, "longitude" double precision not null, "containers" int not null, "demo" boolean not null default false, constraint "waste_container_site_pkey" primary key ("id"));`);
    this.addSql(`create index "waste_container_site_municipality_id_index" on "waste_container_site" ("municipality_id");`);

    this.addSql(`create table "housing_apartment_building" ("id" uuid not null, "address" text not null, "municipality_id" uuid not null, "year_built" int null, "floors" int null, "management_company_id" uuid null, "demo" boolean not null default false, constraint "housing_apartment_building_pkey" primary key ("id"));`);
    this.addSql(`alter table "housing_apartment_building" add constraint "housing_apartment_building_address_unique" unique ("address");`);
    this.addSql(`create index "housing_apartment_building_municipality_id_index" on "housing_apartment_building" ("municipality_id");`);
    this.addSql(`create index "housing_apartment_building_management_company_id_index" on "housing_apartment_building" ("management_company_id");`);

    this.addSql(`create table "health_medical_organization" ("id" uuid not null, "code" text not null, "name" text not null, "kind" "medical_organization_kind" not null, "address" text not null, "municipality_id" uuid not null, "organization_id" uuid null, "demo" boolean not null default false, constraint "health_medical_organization_pkey" primary key ("id"));`);
    this.addSql(`alter table "health_medical_organization" add constraint "health_medical_organization_code_unique" unique ("code");`);
    this.addSql(`create index "health_medical_organization_municipality_id_index" on "health_medical_organization" ("municipality_id");`);

    this.addSql(`create table "roads_segment" ("id" uuid not null, "code" text not null, "name" text not null, "road_number" text null, "km_from" double precision not null, "km_to" double precision not null, "owner" "road_owner" not null, "municipality_id" uuid not null, "demo" boolean not null default false, constraint "roads_segment_pkey" primary key ("id"));`);
    this.addSql(`alter table "roads_segment" add constraint "roads_segment_code_unique" unique ("code");`);
    this.addSql(`create index "roads_segment_municipality_id_index" on "roads_segment" ("municipality_id");`);

    this.addSql(`create table "social_measure" ("id" uuid not null, "code" text not null, "name" text not null, "legal_basis" text not null, "eligible" text not null, "provider" "social_measure_provider" not null, "demo" boolean not null default false, constraint "social_measure_pkey" primary key ("id"));`);
    this.addSql(`alter table "social_measure" add constraint "social_measure_code_unique" unique ("code");`);

    this.addSql(`create table "social_service_centre" ("id" uuid not null, "code" text not null, "name" text not null, "address" text not null, "municipality_id" uuid not null, "also_serves_codes" text[] not null default '{}', "demo" boolean not null default false, constraint "social_service_centre_pkey" primary key ("id"));`);
    this.addSql(`alter table "social_service_centre" add constraint "social_service_centre_code_unique" unique ("code");`);
    this.addSql(`create index "social_service_centre_municipality_id_index" on "social_service_centre" ("municipality_id");`);

    this.addSql(`create table "transport_carrier" ("id" uuid not null, "code" text not null, "name" text not null, "demo" boolean not null default false, constraint "transport_carrier_pkey" primary key ("id"));`);
    this.addSql(`alter table "transport_carrier" add constraint "transport_carrier_code_unique" unique ("code");`);

    this.addSql(`create table "transport_bus_route" ("id" uuid not null, "code" text not null, "number" text not null, "kind" "bus_route_kind" not null, "from_point" text not null, "to_point" text not null, "carrier_id" uuid not null, "municipality_id" uuid not null, "demo" boolean not null default false, constraint "transport_bus_route_pkey" primary key ("id"));`);
    this.addSql(`alter table "transport_bus_route" add constraint "transport_bus_route_code_unique" unique ("code");`);
    this.addSql(`create index "transport_bus_route_number_index" on "transport_bus_route" ("number");`);
    this.addSql(`create index "transport_bus_route_carrier_id_index" on "transport_bus_route" ("carrier_id");`);
    this.addSql(`create index "transport_bus_route_municipality_id_index" on "transport_bus_route" ("municipality_id");`);

    this.addSql(`create table "transport_details" ("appeal_id" uuid not null, "route_number" text null, "stop_name" text null, "vehicle_number" text null, "trip_time" timestamptz null, constraint "transport_details_pkey" primary key ("appeal_id"));`);

    this.addSql(`create table "social_details" ("appeal_id" uuid not null, "measure_code" text null, "snils" text null, "children_count" smallint null, constraint "social_details_pkey" primary key ("appeal_id"));`);

    this.addSql(`create table "roads_details" ("appeal_id" uuid not null, "road_segment_id" uuid null, "kilometer" double precision null, "road_name" text null, constraint "roads_details_pkey" primary key ("appeal_id"));`);

    this.addSql(`create table "housing_details" ("appeal_id" uuid not null, "building_address" text null, "apartment" text null, "management_company_inn" text null, "account_number" text null, constraint "housing_details_pkey" primary key ("appeal_id"));`);

    this.addSql(`create table "health_details" ("appeal_id" uuid not null, "medical_organization_id" uuid null, "policy_number" text null, "specialty" text null, constraint "health_details_pkey" primary key ("appeal_id"));`);

    this.addSql(`create table "energy_details" ("appeal_id" uuid not null, "meter_number" text null, "account_number" text null, "supplier_inn" text null, constraint "energy_details_pkey" primary key ("appeal_id"));`);

    this.addSql(`create table "education_details" ("appeal_id" uuid not null, "institution_id" uuid null, "child_age" smallint null, "grade" smallint null, constraint "education_details_pkey" primary key ("appeal_id"));`);

    this.addSql(`create table "waste_details" ("appeal_id" uuid not null, "container_site_id" uuid null, "container_site_address" text null, "pickup_date" date null, constraint "waste_details_pkey" primary key ("appeal_id"));`);

    this.addSql(`create table "waste_operator" ("id" uuid not null, "name" text not null, "role" "waste_operator_role" not null, "organization_id" uuid not null, "inn" text null, "demo" boolean not null default false, constraint "waste_operator_pkey" primary key ("id"));`);
    this.addSql(`alter table "waste_operator" add constraint "waste_operator_organization_id_unique" unique ("organization_id");`);

    this.addSql(`alter table "housing_management_company" add constraint "housing_management_company_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id") on update cascade;`);

    this.addSql(`alter table "education_institution" add constraint "education_institution_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id") on update cascade;`);

    this.addSql(`alter table "waste_container_site" add constraint "waste_container_site_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id") on update cascade;`);

    this.addSql(`alter table "housing_apartment_building" add constraint "housing_apartment_building_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id") on update cascade;`);
    this.addSql(`alter table "housing_apartment_building" add constraint "housing_apartment_building_management_company_id_foreign" foreign key ("management_company_id") references "housing_management_company" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "health_medical_organization" add constraint "health_medical_organization_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id") on update cascade;`);
    this.addSql(`alter table "health_medical_organization" add constraint "health_medical_organization_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "roads_segment" add constraint "roads_segment_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id") on update cascade;`);

    this.addSql(`alter table "social_service_centre" add constraint "social_service_centre_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id") on update cascade;`);

    this.addSql(`alter table "transport_bus_route" add constraint "transport_bus_route_carrier_id_foreign" foreign key ("carrier_id") references "transport_carrier" ("id") on update cascade;`);
    this.addSql(`alter table "transport_bus_route" add constraint "transport_bus_route_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id") on update cascade;`);

    this.addSql(`alter table "transport_details" add constraint "transport_details_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "social_details" add constraint "social_details_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "roads_details" add constraint "roads_details_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "housing_details" add constraint "housing_details_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "health_details" add constraint "health_details_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "energy_details" add constraint "energy_details_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "education_details" add constraint "education_details_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "waste_details" add constraint "waste_details_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "waste_operator" add constraint "waste_operator_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "housing_apartment_building" drop constraint "housing_apartment_building_management_company_id_foreign";`);

    this.addSql(`alter table "transport_bus_route" drop constraint "transport_bus_route_carrier_id_foreign";`);

    this.addSql(`drop table if exists "energy_company" cascade;`);

    this.addSql(`drop table if exists "housing_management_company" cascade;`);

    this.addSql(`drop table if exists "education_institution" cascade;`);

    this.addSql(`drop table if exists "waste_container_site" cascade;`);

    this.addSql(`drop table if exists "housing_apartment_building" cascade;`);

    this.addSql(`drop table if exists "health_medical_organization" cascade;`);

    this.addSql(`drop table if exists "roads_segment" cascade;`);

    this.addSql(`drop table if exists "social_measure" cascade;`);

    this.addSql(`drop table if exists "social_service_centre" cascade;`);

    this.addSql(`drop table if exists "transport_carrier" cascade;`);

    this.addSql(`drop table if exists "transport_bus_route" cascade;`);

    this.addSql(`drop table if exists "transport_details" cascade;`);

    this.addSql(`drop table if exists "social_details" cascade;`);

    this.addSql(`drop table if exists "roads_details" cascade;`);

    this.addSql(`drop table if exists "housing_details" cascade;`);

    this.addSql(`drop table if exists "health_details" cascade;`);

    this.addSql(`drop table if exists "energy_details" cascade;`);

    this.addSql(`drop table if exists "education_details" cascade;`);

    this.addSql(`drop table if exists "waste_details" cascade;`);

    this.addSql(`drop table if exists "waste_operator" cascade;`);

    this.addSql(`drop type "energy_company_kind";`);
    this.addSql(`drop type "education_institution_kind";`);
    this.addSql(`drop type "medical_organization_kind";`);
    this.addSql(`drop type "road_owner";`);
    this.addSql(`drop type "social_measure_provider";`);
    this.addSql(`drop type "bus_route_kind";`);
    this.addSql(`drop type "waste_operator_role";`);
  }

}
