import { describe, expect, it } from 'vitest';
import { materialChange, stateChange } from './history-detail';

const upload = (id: string, materialCode: string, version: number) => ({
  event: 'UPDATE_MATERIALS',
  fromState: 'draft',
  toState: 'draft',
  payload: { materials: ['application_form', materialCode], file: { id, materialCode, version, sha256: 'ab' } },
});
const files = new Map([
  ['f1', { fileName: '申请表.pdf', materialCode: 'application_form', version: 1 }],
  ['f2', { fileName: '自评报告（2026）.pdf', materialCode: 'self_assessment', version: 2 }],
]);

describe('the timeline of an application', () => {
  it('names the material and the file each upload changed, so two uploads read differently', () => {
    const a = materialChange(upload('f1', 'application_form', 1), 'zh', files);
    const b = materialChange(upload('f2', 'self_assessment', 2), 'zh', files);
    expect(a).toBe('申请表：申请表.pdf（第 1 版）');
    expect(b).toBe('自评报告：自评报告（2026）.pdf（第 2 版）');
    expect(materialChange(upload('f2', 'self_assessment', 2), 'en', files)).toBe(
      'Self-assessment: 自评报告（2026）.pdf (version 2)',
    );
  });

  it("uses the programme's own title of a material, and says so when the file is not listed", () => {
    const titles = new Map([['self_assessment', '企业自评报告']]);
    expect(materialChange(upload('f9', 'self_assessment', 3), 'zh', files, titles)).toBe(
      '企业自评报告：新文件（第 3 版）',
    );
  });

  it('lists the materials of a change without a file, and says nothing for other steps', () => {
    const row = {
      event: 'UPDATE_MATERIALS',
      fromState: 'draft',
      toState: 'draft',
      payload: { materials: ['training_records'] },
    };
    expect(materialChange(row, 'zh', files)).toBe('材料清单：培训记录');
    expect(materialChange({ ...row, event: 'SUBMIT' }, 'zh', files)).toBeNull();
    expect(materialChange({ ...row, payload: {} }, 'zh', files)).toBeNull();
  });

  it('shows a step that keeps the state as unchanged, not "草稿 → 草稿"', () => {
    const label = (s: string) => ({ draft: '草稿', preliminary_review: '初审' })[s] ?? s;
    expect(
      stateChange({ event: 'UPDATE_MATERIALS', fromState: 'draft', toState: 'draft', payload: {} }, label, 'zh'),
    ).toBe('草稿（状态不变）');
    expect(
      stateChange({ event: 'SUBMIT', fromState: 'draft', toState: 'preliminary_review', payload: {} }, label, 'zh'),
    ).toBe('草稿 → 初审');
    expect(stateChange({ event: 'CREATE', fromState: null, toState: 'draft', payload: {} }, label, 'zh')).toBe('草稿');
  });
});
