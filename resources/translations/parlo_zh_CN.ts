<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Gui::AboutDialog</name>
    <message>
        <source>About Parlo</source>
        <translation>关于 Parlo</translation>
    </message>
    <message>
        <source>Parlo logo</source>
        <translation>Parlo 标志</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>A SIP softphone: calls, messages and presence.</source>
        <translation>SIP 软电话：通话、消息和在线状态。</translation>
    </message>
    <message>
        <source>Free software under the GNU General Public License, version 3 or (at your option) any later version. It comes with no warranty.</source>
        <translation>本软件为自由软件，依据 GNU 通用公共许可证第 3 版或（由您选择）任何更高版本发布，不提供任何担保。</translation>
    </message>
    <message>
        <source>Qt %1 (built with Qt %2)</source>
        <translation>Qt %1（构建时使用 Qt %2）</translation>
    </message>
</context>
<context>
    <name>Gui::AccountDialog</name>
    <message>
        <source>Add account — Parlo</source>
        <translation>添加账户 — Parlo</translation>
    </message>
    <message>
        <source>Edit account — Parlo</source>
        <translation>编辑账户 — Parlo</translation>
    </message>
    <message>
        <source>SIP address</source>
        <translation>SIP 地址</translation>
    </message>
    <message>
        <source>Authentication user</source>
        <translation>认证用户名</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Outbound proxy</source>
        <translation>出站代理</translation>
    </message>
    <message>
        <source>empty: the domain's server</source>
        <translation>留空：使用该域的服务器</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输协议</translation>
    </message>
    <message>
        <source>Call encryption (SRTP)</source>
        <translation>通话加密（SRTP）</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>When the other side supports it</source>
        <translation>对方支持时启用</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必须</translation>
    </message>
    <message>
        <source>Register with the server</source>
        <translation>向服务器注册</translation>
    </message>
    <message>
        <source>SIP &amp;address:</source>
        <translation>SIP 地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>显示名称(&amp;D)：</translation>
    </message>
    <message>
        <source>Authentication &amp;user:</source>
        <translation>认证用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Outbound pro&amp;xy:</source>
        <translation>出站代理(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation>传输协议(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Encryption:</source>
        <translation>加密(&amp;E)：</translation>
    </message>
    <message>
        <source>Enter the SIP address, for example sip:alice@example.com</source>
        <translation>请输入 SIP 地址，例如 sip:alice@example.com</translation>
    </message>
</context>
<context>
    <name>Gui::AccountsPage</name>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Make &amp;default</source>
        <translation>设为默认(&amp;D)</translation>
    </message>
    <message>
        <source>Without an account Parlo calls SIP addresses directly (peer to peer). Calls and messages go from the default account.</source>
        <translation>没有账户时，Parlo 直接呼叫 SIP 地址（点对点）。通话和消息从默认账户发出。</translation>
    </message>
    <message>
        <source>No account: direct calls to SIP addresses (peer to peer)</source>
        <translation>无账户：直接呼叫 SIP 地址（点对点）</translation>
    </message>
    <message>
        <source>Not registered</source>
        <translation>未注册</translation>
    </message>
    <message>
        <source>Registering…</source>
        <translation>正在注册…</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>已注册</translation>
    </message>
    <message>
        <source>Registration failed: %1 (retrying in %2 s)</source>
        <translation>注册失败：%1（%2 秒后重试）</translation>
    </message>
    <message>
        <source>Registration failed: %1</source>
        <translation>注册失败：%1</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <source>Registration off</source>
        <translation>不注册</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>删除账户</translation>
    </message>
    <message>
        <source>Remove the account %1? Its password is deleted too.</source>
        <translation>删除账户 %1？其密码也会一并删除。</translation>
    </message>
</context>
<context>
    <name>Gui::CallWindow</name>
    <message>
        <source>Call — Parlo</source>
        <translation>通话 — Parlo</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接听</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>转接</translation>
    </message>
    <message>
        <source>Keypad</source>
        <translation>键盘</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>切换</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <source>Incoming call…</source>
        <translation>来电…</translation>
    </message>
    <message>
        <source>Calling…</source>
        <translation>正在呼叫…</translation>
    </message>
    <message>
        <source>Ringing…</source>
        <translation>对方振铃中…</translation>
    </message>
    <message>
        <source>On hold by the other side · %1</source>
        <translation>对方已保持通话 · %1</translation>
    </message>
    <message>
        <source>Connected · %1</source>
        <translation>已接通 · %1</translation>
    </message>
    <message>
        <source>On hold · %1</source>
        <translation>通话保持中 · %1</translation>
    </message>
    <message>
        <source>Call ended</source>
        <translation>通话已结束</translation>
    </message>
    <message>
        <source>Call ended: %1</source>
        <translation>通话已结束：%1</translation>
    </message>
    <message>
        <source>%1 — Parlo</source>
        <translation>%1 — Parlo</translation>
    </message>
    <message>
        <source>%1 · loss %2% · jitter %3 ms</source>
        <translation>%1 · 丢包 %2% · 抖动 %3 毫秒</translation>
    </message>
    <message>
        <source> · RTT %1 ms</source>
        <translation> · 往返时延 %1 毫秒</translation>
    </message>
    <message>
        <source> · SRTP 🔒</source>
        <translation> · SRTP 🔒</translation>
    </message>
    <message>
        <source> · not encrypted</source>
        <translation> · 未加密</translation>
    </message>
    <message>
        <source>Transfer to an address…</source>
        <translation>转接到地址…</translation>
    </message>
    <message>
        <source>Transfer call</source>
        <translation>转接通话</translation>
    </message>
    <message>
        <source>Transfer to (SIP address or number):</source>
        <translation>转接到（SIP 地址或号码）：</translation>
    </message>
    <message>
        <source>Connect with %1 (attended)</source>
        <translation>与 %1 连接（咨询转接）</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>取消静音</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>麦克风电平</translation>
    </message>
    <message>
        <source>Speaker level</source>
        <translation>扬声器电平</translation>
    </message>
    <message>
        <source>Microphone volume</source>
        <translation>麦克风音量</translation>
    </message>
    <message>
        <source>Speaker volume</source>
        <translation>扬声器音量</translation>
    </message>
</context>
<context>
    <name>Gui::ChatPage</name>
    <message>
        <source>Conversations</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>No conversation open</source>
        <translation>未打开会话</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>呼叫</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Write a message — Enter sends, Shift+Enter: new line</source>
        <translation>输入消息 — 回车发送，Shift+回车换行</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 正在输入…</translation>
    </message>
</context>
<context>
    <name>Gui::ContactDialog</name>
    <message>
        <source>Edit contact</source>
        <translation>编辑联系人</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>SIP address</source>
        <translation>SIP 地址</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;SIP address:</source>
        <translation>SIP 地址(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>电子邮件(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>分组(&amp;G)：</translation>
    </message>
    <message>
        <source>Enter a SIP address such as sip:alice@example.com.</source>
        <translation>请输入 SIP 地址，例如 sip:alice@example.com。</translation>
    </message>
    <message>
        <source>A tel: address holds a phone number.</source>
        <translation>tel: 地址应包含电话号码。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a SIP address (expected sip:user@host).</source>
        <translation>“%1”不是 SIP 地址（应为 sip:用户@主机）。</translation>
    </message>
</context>
<context>
    <name>Gui::ContactsPage</name>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>所有分组</translation>
    </message>
    <message>
        <source>Favourites only</source>
        <translation>仅显示收藏</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact not saved</source>
        <translation>联系人未保存</translation>
    </message>
    <message>
        <source>&amp;Call</source>
        <translation>呼叫(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;hat</source>
        <translation>聊天(&amp;H)</translation>
    </message>
    <message>
        <source>Remove from &amp;favourites</source>
        <translation>从收藏中移除(&amp;F)</translation>
    </message>
    <message>
        <source>Add to &amp;favourites</source>
        <translation>加入收藏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>删除联系人</translation>
    </message>
    <message>
        <source>Delete %1 from your contacts?</source>
        <translation>要从联系人中删除 %1 吗？</translation>
    </message>
    <message>
        <source>C&amp;opy address</source>
        <translation>复制地址(&amp;O)</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>已复制 %1</translation>
    </message>
</context>
<context>
    <name>Gui::DialPad</name>
    <message>
        <source>Dial pad</source>
        <translation>拨号盘</translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation>按键 %1</translation>
    </message>
</context>
<context>
    <name>Gui::FirstRunWizard</name>
    <message>
        <source>Welcome to Parlo</source>
        <translation>欢迎使用 Parlo</translation>
    </message>
    <message>
        <source>How do you want to make calls?</source>
        <translation>您想如何拨打电话？</translation>
    </message>
    <message>
        <source>With my SIP account (a provider or a company server)</source>
        <translation>使用我的 SIP 账户（运营商或公司服务器）</translation>
    </message>
    <message>
        <source>Without a server: direct calls to sip:user@host on my network</source>
        <translation>不使用服务器：在我的网络中直接呼叫 sip:用户@主机</translation>
    </message>
    <message>
        <source>Your SIP account</source>
        <translation>您的 SIP 账户</translation>
    </message>
    <message>
        <source>The password is kept in the system keychain.</source>
        <translation>密码保存在系统钥匙串中。</translation>
    </message>
    <message>
        <source>SIP address</source>
        <translation>SIP 地址</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>SIP &amp;address:</source>
        <translation>SIP 地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>显示名称(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>Gui::HistoryDelegate</name>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>未接</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未接通</translation>
    </message>
</context>
<context>
    <name>Gui::HistoryPage</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>未接</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>呼入</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>呼出</translation>
    </message>
    <message>
        <source>Show %1 calls</source>
        <translation>显示%1通话</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>清除历史记录</translation>
    </message>
    <message>
        <source>Call history</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>回拨</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Delete the calls shown from the history?</source>
        <translation>要从历史记录中删除所显示的通话吗？</translation>
    </message>
    <message>
        <source>&amp;Call back</source>
        <translation>回拨(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;hat</source>
        <translation>聊天(&amp;H)</translation>
    </message>
</context>
<context>
    <name>Gui::MainWindow</name>
    <message>
        <source>Call and write from account</source>
        <translation>发起通话和消息所用的账户</translation>
    </message>
    <message>
        <source>Calls and messages go from this account</source>
        <translation>通话和消息从此账户发出</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Parlo…</source>
        <translation>关于 Parlo(&amp;A)…</translation>
    </message>
    <message>
        <source>Parlo</source>
        <translation>Parlo</translation>
    </message>
    <message>
        <source>Search or dial</source>
        <translation>搜索或拨号</translation>
    </message>
    <message>
        <source>Search, or type a number or SIP address — Enter calls, Ctrl+Enter chats</source>
        <translation>搜索，或输入号码或 SIP 地址 — 回车呼叫，Ctrl+回车聊天</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Dial pad</source>
        <translation>拨号盘</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation>无法启动：%1</translation>
    </message>
    <message>
        <source>Message from %1</source>
        <translation>来自 %1 的消息</translation>
    </message>
    <message>
        <source>My presence</source>
        <translation>我的状态</translation>
    </message>
    <message>
        <source>Presence note</source>
        <translation>状态备注</translation>
    </message>
    <message>
        <source>What are you up to? (seen by your contacts)</source>
        <translation>您在做什么？（联系人可见）</translation>
    </message>
    <message>
        <source>Delete the last character</source>
        <translation>删除最后一个字符</translation>
    </message>
    <message>
        <source>Redial</source>
        <translation>重拨</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>呼叫</translation>
    </message>
    <message>
        <source>Nothing to redial yet</source>
        <translation>还没有可重拨的号码</translation>
    </message>
    <message>
        <source>&amp;Parlo</source>
        <translation>Parlo(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>联系人(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Add contact…</source>
        <translation>添加联系人(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import (vCard, CSV)…</source>
        <translation>导入（vCard、CSV）(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Cannot call &quot;%1&quot;: without an account, enter a full address such as sip:bob@192.0.2.1</source>
        <translation>无法呼叫“%1”：没有账户时，请输入完整地址，例如 sip:bob@192.0.2.1</translation>
    </message>
    <message>
        <source>Cannot call &quot;%1&quot;</source>
        <translation>无法呼叫“%1”</translation>
    </message>
    <message>
        <source>Cannot chat with &quot;%1&quot;</source>
        <translation>无法与“%1”聊天</translation>
    </message>
    <message>
        <source>Serverless</source>
        <translation>无服务器模式</translation>
    </message>
    <message>
        <source>Serverless: %1</source>
        <translation>无服务器模式：%1</translation>
    </message>
    <message>
        <source>No account: direct calls to SIP addresses (peer to peer)</source>
        <translation>无账户：直接呼叫 SIP 地址（点对点）</translation>
    </message>
    <message>
        <source>Not registered</source>
        <translation>未注册</translation>
    </message>
    <message>
        <source>Registering…</source>
        <translation>正在注册…</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>已注册</translation>
    </message>
    <message>
        <source>Registration failed: %1 (retrying in %2 s)</source>
        <translation>注册失败：%1（%2 秒后重试）</translation>
    </message>
    <message>
        <source>Registration failed: %1</source>
        <translation>注册失败：%1</translation>
    </message>
    <message>
        <source>History (%1)</source>
        <translation>历史（%1）</translation>
    </message>
    <message>
        <source>Chat (%1)</source>
        <translation>聊天（%1）</translation>
    </message>
    <message>
        <source>(%1) Parlo</source>
        <translation>（%1）Parlo</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>来电</translation>
    </message>
    <message>
        <source>%1 is calling</source>
        <translation>%1 来电</translation>
    </message>
    <message>
        <source>Presence request</source>
        <translation>状态请求</translation>
    </message>
    <message>
        <source>%1 wants to see your status.</source>
        <translation>%1 想查看您的状态。</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>允许</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>阻止</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>Contacts (*.vcf *.vcard *.csv);;vCard (*.vcf *.vcard);;CSV (*.csv)</source>
        <translation>联系人 (*.vcf *.vcard *.csv);;vCard (*.vcf *.vcard);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n contact(s)</source>
        <translation>
            <numerusform>已导入 %n 位联系人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n skipped</source>
        <translation>
            <numerusform>，跳过 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation>导出联系人</translation>
    </message>
    <message>
        <source>vCard (*.vcf);;CSV (*.csv)</source>
        <translation>vCard (*.vcf);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n contact(s)</source>
        <translation>
            <numerusform>已导出 %n 位联系人</numerusform>
        </translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
</context>
<context>
    <name>Gui::MessageDelegate</name>
    <message>
        <source>%1 · waiting</source>
        <translation>%1 · 等待发送</translation>
    </message>
    <message>
        <source>%1 · sending…</source>
        <translation>%1 · 正在发送…</translation>
    </message>
    <message>
        <source>%1 · sent</source>
        <translation>%1 · 已发送</translation>
    </message>
    <message>
        <source>%1 · failed: %2 — double-click to resend</source>
        <translation>%1 · 发送失败：%2 — 双击重新发送</translation>
    </message>
</context>
<context>
    <name>Gui::PresenceColors</name>
    <message>
        <source>Available</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation>请勿打扰</translation>
    </message>
    <message>
        <source>Invisible</source>
        <translation>隐身</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>Gui::SettingsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Settings — Parlo</source>
        <translation>设置 — Parlo</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>SIP address</source>
        <translation>SIP 地址</translation>
    </message>
    <message>
        <source>Authentication user</source>
        <translation>认证用户名</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Outbound proxy</source>
        <translation>出站代理</translation>
    </message>
    <message>
        <source>empty: the domain&apos;s server</source>
        <translation>留空：使用该域的服务器</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输协议</translation>
    </message>
    <message>
        <source>Register with the server</source>
        <translation>向服务器注册</translation>
    </message>
    <message>
        <source>SIP &amp;address:</source>
        <translation>SIP 地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>显示名称(&amp;D)：</translation>
    </message>
    <message>
        <source>Authentication &amp;user:</source>
        <translation>认证用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Outbound pro&amp;xy:</source>
        <translation>出站代理(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation>传输协议(&amp;T)：</translation>
    </message>
    <message>
        <source>Leave the SIP address empty to use Parlo without a server (direct calls to sip:user@host).</source>
        <translation>将 SIP 地址留空即可在无服务器模式下使用 Parlo（直接呼叫 sip:用户@主机）。</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>Ring device</source>
        <translation>铃声设备</translation>
    </message>
    <message>
        <source>Echo cancellation and noise suppression</source>
        <translation>回声消除和降噪</translation>
    </message>
    <message>
        <source>Auto-answer after seconds</source>
        <translation>自动接听等待秒数</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>麦克风(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Speaker:</source>
        <translation>扬声器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Ring on:</source>
        <translation>铃声设备(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Auto-answer:</source>
        <translation>自动接听(&amp;A)：</translation>
    </message>
    <message>
        <source>SIP port</source>
        <translation>SIP 端口</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>任意空闲端口</translation>
    </message>
    <message>
        <source>Use IPv6 too</source>
        <translation>同时使用 IPv6</translation>
    </message>
    <message>
        <source>SIP &amp;port (UDP and TCP):</source>
        <translation>SIP 端口（UDP 和 TCP）(&amp;P)：</translation>
    </message>
    <message>
        <source>Network changes apply when Parlo starts again.</source>
        <translation>网络设置在 Parlo 重新启动后生效。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Start minimised to the tray</source>
        <translation>启动时最小化到托盘</translation>
    </message>
    <message>
        <source>Closing the window keeps Parlo running in the tray</source>
        <translation>关闭窗口后 Parlo 继续在托盘中运行</translation>
    </message>
    <message>
        <source>Start Parlo when I log in</source>
        <translation>登录时启动 Parlo</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>A new language applies when Parlo starts again.</source>
        <translation>新语言在 Parlo 重新启动后生效。</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>麦克风电平</translation>
    </message>
    <message>
        <source>Speak: the bar follows your voice</source>
        <translation>请说话：电平条会随您的声音变化</translation>
    </message>
    <message>
        <source>Microphone level:</source>
        <translation>麦克风电平：</translation>
    </message>
    <message>
        <source>Play test tone</source>
        <translation>播放测试音</translation>
    </message>
    <message>
        <source>Stop test tone</source>
        <translation>停止测试音</translation>
    </message>
    <message>
        <source>The test tone cannot play: %1</source>
        <translation>无法播放测试音：%1</translation>
    </message>
    <message>
        <source>The microphone cannot be opened: %1</source>
        <translation>无法打开麦克风：%1</translation>
    </message>
</context>
<context>
    <name>Gui::TrayIcon</name>
    <message>
        <source>About Parlo</source>
        <translation>关于 Parlo</translation>
    </message>
    <message>
        <source>Show Parlo</source>
        <translation>显示 Parlo</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Parlo — %1</source>
        <translation>Parlo — %1</translation>
    </message>
    <message numerus="yes">
        <source>%n unread message(s)</source>
        <translation>
            <numerusform>%n 条未读消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missed call(s)</source>
        <translation>
            <numerusform>%n 个未接来电</numerusform>
        </translation>
    </message>
</context>
</TS>
