/**
 * Masking for anything shown in public. Person names keep the family name only (王**).
 */

/** 王小明 → 王**; 欧阳娜娜 → 欧阳**; Latin names keep their first letter. */
export function maskPersonName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '**';
  const compoundSurnames = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯'];
  const head = compoundSurnames.find((s) => trimmed.startsWith(s) && trimmed.length > s.length) ?? Array.from(trimmed)[0];
  return `${head}**`;
}
