import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { ImportJob } from '../channels/import-job.entity.js';

/**
 * A row of an uploaded file of survey responses that was not written: its
 * number in the file (the header is row 1), its key, and the error with the
 * column at fault. Rows written or found EXISTING are only counted on the job.
 */
@Entity({ tableName: 'survey_import_row' })
export class SurveyImportRow {
  @ManyToOne(() => ImportJob, { primary: true, ref: true, deleteRule: 'cascade' })
  job!: Ref<ImportJob>;

  @PrimaryKey({ type: 'integer' })
  row!: number;

  @Property({ type: 'text' })
  rowKey!: string;

  @Property({ type: 'text' })
  code!: string;

  @Property({ type: 'text', nullable: true })
  field?: string | null;

  @Property({ type: 'text' })
  message!: string;
}
