import { Form, Input, InputNumber, Select } from 'antd';
import { ORGANISATION_KINDS } from '../i18n/dictionary';
import { useT } from '../i18n/locale';

/**
 * The rules a regulator sets on a programme, as form fields: the call window (China time), who may apply, the pass
 * mark, the panel's size and the notice's length. The new-programme form and the rule change (a new version) share
 * them, so both ask the same thing in the same words; the form around them names the fields `opensAt`, `closesAt`,
 * `eligibleOrganisationKinds`, `passMark`, `panelSize` and `noticeWorkingDays`.
 */
export function ProgrammeRuleFields({ eligibleMayBeEmpty = false }: { eligibleMayBeEmpty?: boolean }) {
  const t = useT();
  return (
    <>
      <Form.Item
        label={t('申报开始（北京时间，YYYY-MM-DD HH:mm）', 'Call opens (China time, YYYY-MM-DD HH:mm)')}
        name="opensAt"
        rules={[{ required: true }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        label={t('申报截止（北京时间，YYYY-MM-DD HH:mm）', 'Call closes (China time, YYYY-MM-DD HH:mm)')}
        name="closesAt"
        rules={[{ required: true }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        label={
          eligibleMayBeEmpty
            ? t(
                '可申报单位类型（不选则为该类别允许的全部类型）',
                'Eligible organisations (all the kind allows if none)',
              )
            : t('可申报单位类型', 'Eligible organisations')
        }
        name="eligibleOrganisationKinds"
      >
        <Select
          mode="multiple"
          options={Object.keys(ORGANISATION_KINDS).map((k) => ({ value: k, label: t.term(ORGANISATION_KINDS, k) }))}
        />
      </Form.Item>
      <Form.Item label={t('合格分数线', 'Pass mark')} name="passMark" rules={[{ required: true }]}>
        <InputNumber min={0} max={100} />
      </Form.Item>
      <Form.Item label={t('评审组人数', 'Panel size')} name="panelSize" rules={[{ required: true }]}>
        <InputNumber min={1} max={15} />
      </Form.Item>
      <Form.Item
        label={t('公示期（工作日）', 'Notice (working days)')}
        name="noticeWorkingDays"
        rules={[{ required: true }]}
      >
        <InputNumber min={1} max={60} />
      </Form.Item>
    </>
  );
}
