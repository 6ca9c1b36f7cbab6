import { SummaryList } from '../platform/views/components/misc.js';
import { PortalLayout } from '../platform/views/layouts.js';
import { CONTACT_FIELDS, CONTACT_LABELS, type Org } from '../orgs/orgs.model.js';
import { toPortalOrg } from './portal.presenter.js';

/** Categories of 条例第二十条 that every 主动公开 catalogue is arranged by (REGULATIONS.md §3.2). */
const ART20_CATEGORIES = [
  '行政法规、规章和规范性文件',
  '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  '国民经济和社会发展规划、专项规划、区域规划及相关政策',
  '国民经济和社会发展统计信息',
  '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定',
  '财政预算、决算信息',
  '行政事业性收费项目及其依据、标准',
  '政府集中采购项目的目录、标准及实施情况',
  '重大建设项目的批准和实施情况',
  '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  '突发公共事件的应急预案、预警信息及应对情况',
  '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  '公务员招考的职位、名额、报考条件等事项以及录用结果',
  '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
];

/**
 * 政府信息公开指南 of an org, generated from its data (条例第十二条): 分类和编排体系,
 * 获取方式 (主动公开 and 依申请公开), and the 工作机构's name, address, hours, phone, fax and
 * internet contact.
 */
export function GuidePage(props: {
  org: Org;
  parent: Org | null;
  elderMode: boolean;
  path: string;
  indexExample: string;
  nav?: Array<{ href: string; label: string }>;
}) {
  const { org } = props;
  const office = org.contact.office ?? `${org.name}政府信息公开工作机构`;
  return (
    <PortalLayout
      org={toPortalOrg(org)}
      title="政府信息公开指南"
      elderMode={props.elderMode}
      currentPath={props.path}
      nav={props.nav}
    >
      <h1>{org.name}政府信息公开指南</h1>
      <p>
        为保障公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。本指南根据本机关登记的信息自动生成，信息变更后即时更新。
      </p>
      <h2>一、政府信息的分类与编排体系</h2>
      <p>本机关主动公开的政府信息按照《条例》第二十条、第二十一条规定的内容分类，主要包括：</p>
      <ol>
        {ART20_CATEGORIES.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <p>
        政府信息公开目录按照索引号、名称、内容概述、生成日期等编排。索引号由本机关统一编制，格式示例：
        <code>{props.indexExample}</code>。
      </p>
      <h2>二、获取方式</h2>
      <h3>（一）主动公开</h3>
      <p>
        本机关通过门户网站“<a href={`/${org.code}/`}>{org.name}</a>
        ”政府信息公开专栏主动公开政府信息，并视情况通过政府公报、政务新媒体、新闻发布会以及档案馆、图书馆、政务服务场所等途径公开。属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内予以公开（《条例》第二十六条）。
      </p>
      <h3>（二）依申请公开</h3>
      <p>
        公民、法人或者其他组织可以向本机关申请获取主动公开以外的政府信息（《条例》第二十七条）。申请应当采用包括信件、数据电文在内的书面形式，内容包括申请人的姓名或者名称、身份证明、联系方式，申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述，以及获取信息的方式、途径（《条例》第二十九条）。采用书面形式确有困难的，可以口头提出，由受理机构代为填写。
      </p>
      <p>
        本机关收到申请，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过20个工作日（《条例》第三十三条）。本机关依申请提供政府信息，不收取费用；申请人申请公开政府信息的数量、频次明显超过合理范围的，可以收取信息处理费（《条例》第四十二条）。
      </p>
      <h2>三、政府信息公开工作机构</h2>
      <SummaryList
        caption="政府信息公开工作机构"
        rows={[
          [CONTACT_LABELS.office, office],
          ...CONTACT_FIELDS.filter((f) => f !== 'office').map((f): [string, string | null] => [
            f === 'email' ? '互联网联系方式（电子邮箱）' : CONTACT_LABELS[f],
            org.contact[f],
          ]),
        ]}
      />
      <h2>四、监督和救济</h2>
      <p>
        公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门
        {props.parent ? `（${props.parent.name}）` : ''}
        投诉、举报，也可以依法申请行政复议或者提起行政诉讼（《条例》第五十一条）。
      </p>
    </PortalLayout>
  );
}
