import { ArrayType, type Platform, type TransformContext } from '@mikro-orm/core';

/**
 * `text[]` as string[]. MikroORM's own array type leaves simple elements unquoted, so a tag
 * spelled "null" would be stored as SQL NULL; here every element is quoted.
 */
export class TextArrayType extends ArrayType<string> {
  override convertToDatabaseValue(
    value: string[] | null,
    platform: Platform,
    context?: TransformContext,
  ): string | null {
    if (!Array.isArray(value)) return super.convertToDatabaseValue(value, platform, context);
    return `{${value.map((item) => `"${item.replace(/[\\"]/g, (char) => `\\${char}`)}"`).join(',')}}`;
  }

  override getColumnType(): string {
    return 'text[]';
  }
}
