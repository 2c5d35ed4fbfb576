<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Gui::AboutDialog</name>
    <message>
        <source>About Parlo</source>
        <translation>About Parlo</translation>
    </message>
    <message>
        <source>Parlo logo</source>
        <translation>Parlo logo</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>A SIP softphone: calls, messages and presence.</source>
        <translation>A SIP softphone: calls, messages and presence.</translation>
    </message>
    <message>
        <source>Free software under the GNU General Public License, version 3 or (at your option) any later version. It comes with no warranty.</source>
        <translation>Free software under the GNU General Public License, version 3 or (at your option) any later version. It comes with no warranty.</translation>
    </message>
    <message>
        <source>Qt %1 (built with Qt %2)</source>
        <translation>Qt %1 (built with Qt %2)</translation>
    </message>
</context>
<context>
    <name>Gui::AccountDialog</name>
    <message>
        <source>Add account — Parlo</source>
        <translation>Add account — Parlo</translation>
    </message>
    <message>
        <source>Edit account — Parlo</source>
        <translation>Edit account — Parlo</translation>
    </message>
    <message>
        <source>SIP address</source>
        <translation>SIP address</translation>
    </message>
    <message>
        <source>Authentication user</source>
        <translation>Authentication user</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Outbound proxy</source>
        <translation>Outbound proxy</translation>
    </message>
    <message>
        <source>empty: the domain's server</source>
        <translation>empty: the domain's server</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <source>Call encryption (SRTP)</source>
        <translation>Call encryption (SRTP)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Off</translation>
    </message>
    <message>
        <source>When the other side supports it</source>
        <translation>When the other side supports it</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>Register with the server</source>
        <translation>Register with the server</translation>
    </message>
    <message>
        <source>SIP &amp;address:</source>
        <translation>SIP &amp;address:</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>&amp;Display name:</translation>
    </message>
    <message>
        <source>Authentication &amp;user:</source>
        <translation>Authentication &amp;user:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Outbound pro&amp;xy:</source>
        <translation>Outbound pro&amp;xy:</translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation>&amp;Transport:</translation>
    </message>
    <message>
        <source>&amp;Encryption:</source>
        <translation>&amp;Encryption:</translation>
    </message>
    <message>
        <source>Enter the SIP address, for example sip:alice@example.com</source>
        <translation>Enter the SIP address, for example sip:alice@example.com</translation>
    </message>
</context>
<context>
    <name>Gui::AccountsPage</name>
    <message>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>Make &amp;default</source>
        <translation>Make &amp;default</translation>
    </message>
    <message>
        <source>Without an account Parlo calls SIP addresses directly (peer to peer). Calls and messages go from the default account.</source>
        <translation>Without an account Parlo calls SIP addresses directly (peer to peer). Calls and messages go from the default account.</translation>
    </message>
    <message>
        <source>No account: direct calls to SIP addresses (peer to peer)</source>
        <translation>No account: direct calls to SIP addresses (peer to peer)</translation>
    </message>
    <message>
        <source>Not registered</source>
        <translation>Not registered</translation>
    </message>
    <message>
        <source>Registering…</source>
        <translation>Registering…</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Registration failed: %1 (retrying in %2 s)</source>
        <translation>Registration failed: %1 (retrying in %2 s)</translation>
    </message>
    <message>
        <source>Registration failed: %1</source>
        <translation>Registration failed: %1</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(default)</translation>
    </message>
    <message>
        <source>Registration off</source>
        <translation>Registration off</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Remove account</translation>
    </message>
    <message>
        <source>Remove the account %1? Its password is deleted too.</source>
        <translation>Remove the account %1? Its password is deleted too.</translation>
    </message>
</context>
<context>
    <name>Gui::CallWindow</name>
    <message>
        <source>Call — Parlo</source>
        <translation>Call — Parlo</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Calls</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Decline</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Mute</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>Keypad</source>
        <translation>Keypad</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>Swap</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Hang up</translation>
    </message>
    <message>
        <source>Incoming call…</source>
        <translation>Incoming call…</translation>
    </message>
    <message>
        <source>Calling…</source>
        <translation>Calling…</translation>
    </message>
    <message>
        <source>Ringing…</source>
        <translation>Ringing…</translation>
    </message>
    <message>
        <source>On hold by the other side · %1</source>
        <translation>On hold by the other side · %1</translation>
    </message>
    <message>
        <source>Connected · %1</source>
        <translation>Connected · %1</translation>
    </message>
    <message>
        <source>On hold · %1</source>
        <translation>On hold · %1</translation>
    </message>
    <message>
        <source>Call ended</source>
        <translation>Call ended</translation>
    </message>
    <message>
        <source>Call ended: %1</source>
        <translation>Call ended: %1</translation>
    </message>
    <message>
        <source>%1 — Parlo</source>
        <translation>%1 — Parlo</translation>
    </message>
    <message>
        <source>%1 · loss %2% · jitter %3 ms</source>
        <translation>%1 · loss %2% · jitter %3 ms</translation>
    </message>
    <message>
        <source> · RTT %1 ms</source>
        <translation> · RTT %1 ms</translation>
    </message>
    <message>
        <source> · SRTP 🔒</source>
        <translation> · SRTP 🔒</translation>
    </message>
    <message>
        <source> · not encrypted</source>
        <translation> · not encrypted</translation>
    </message>
    <message>
        <source>Transfer to an address…</source>
        <translation>Transfer to an address…</translation>
    </message>
    <message>
        <source>Transfer call</source>
        <translation>Transfer call</translation>
    </message>
    <message>
        <source>Transfer to (SIP address or number):</source>
        <translation>Transfer to (SIP address or number):</translation>
    </message>
    <message>
        <source>Connect with %1 (attended)</source>
        <translation>Connect with %1 (attended)</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Unmute</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Microphone level</translation>
    </message>
    <message>
        <source>Speaker level</source>
        <translation>Speaker level</translation>
    </message>
    <message>
        <source>Microphone volume</source>
        <translation>Microphone volume</translation>
    </message>
    <message>
        <source>Speaker volume</source>
        <translation>Speaker volume</translation>
    </message>
</context>
<context>
    <name>Gui::ChatPage</name>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>No conversation open</source>
        <translation>No conversation open</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Write a message — Enter sends, Shift+Enter: new line</source>
        <translation>Write a message — Enter sends, Shift+Enter: new line</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 is typing…</translation>
    </message>
</context>
<context>
    <name>Gui::ContactDialog</name>
    <message>
        <source>Edit contact</source>
        <translation>Edit contact</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>Add contact</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>SIP address</source>
        <translation>SIP address</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favourite</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;SIP address:</source>
        <translation>&amp;SIP address:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Group:</translation>
    </message>
    <message>
        <source>Enter a SIP address such as sip:alice@example.com.</source>
        <translation>Enter a SIP address such as sip:alice@example.com.</translation>
    </message>
    <message>
        <source>A tel: address holds a phone number.</source>
        <translation>A tel: address holds a phone number.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a SIP address (expected sip:user@host).</source>
        <translation>&quot;%1&quot; is not a SIP address (expected sip:user@host).</translation>
    </message>
</context>
<context>
    <name>Gui::ContactsPage</name>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>All groups</translation>
    </message>
    <message>
        <source>Favourites only</source>
        <translation>Favourites only</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>Add contact</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Contact not saved</source>
        <translation>Contact not saved</translation>
    </message>
    <message>
        <source>&amp;Call</source>
        <translation>&amp;Call</translation>
    </message>
    <message>
        <source>C&amp;hat</source>
        <translation>C&amp;hat</translation>
    </message>
    <message>
        <source>Remove from &amp;favourites</source>
        <translation>Remove from &amp;favourites</translation>
    </message>
    <message>
        <source>Add to &amp;favourites</source>
        <translation>Add to &amp;favourites</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>Delete contact</translation>
    </message>
    <message>
        <source>Delete %1 from your contacts?</source>
        <translation>Delete %1 from your contacts?</translation>
    </message>
    <message>
        <source>C&amp;opy address</source>
        <translation>C&amp;opy address</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>Copied %1</translation>
    </message>
</context>
<context>
    <name>Gui::DialPad</name>
    <message>
        <source>Dial pad</source>
        <translation>Dial pad</translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation>Key %1</translation>
    </message>
</context>
<context>
    <name>Gui::FirstRunWizard</name>
    <message>
        <source>Welcome to Parlo</source>
        <translation>Welcome to Parlo</translation>
    </message>
    <message>
        <source>How do you want to make calls?</source>
        <translation>How do you want to make calls?</translation>
    </message>
    <message>
        <source>With my SIP account (a provider or a company server)</source>
        <translation>With my SIP account (a provider or a company server)</translation>
    </message>
    <message>
        <source>Without a server: direct calls to sip:user@host on my network</source>
        <translation>Without a server: direct calls to sip:user@host on my network</translation>
    </message>
    <message>
        <source>Your SIP account</source>
        <translation>Your SIP account</translation>
    </message>
    <message>
        <source>The password is kept in the system keychain.</source>
        <translation>The password is kept in the system keychain.</translation>
    </message>
    <message>
        <source>SIP address</source>
        <translation>SIP address</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>SIP &amp;address:</source>
        <translation>SIP &amp;address:</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>&amp;Display name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
</context>
<context>
    <name>Gui::HistoryDelegate</name>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Declined</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>No answer</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Not connected</translation>
    </message>
</context>
<context>
    <name>Gui::HistoryPage</name>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Incoming</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Outgoing</translation>
    </message>
    <message>
        <source>Show %1 calls</source>
        <translation>Show %1 calls</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Clear history</translation>
    </message>
    <message>
        <source>Call history</source>
        <translation>Call history</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Call back</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Delete the calls shown from the history?</source>
        <translation>Delete the calls shown from the history?</translation>
    </message>
    <message>
        <source>&amp;Call back</source>
        <translation>&amp;Call back</translation>
    </message>
    <message>
        <source>C&amp;hat</source>
        <translation>C&amp;hat</translation>
    </message>
</context>
<context>
    <name>Gui::MainWindow</name>
    <message>
        <source>Call and write from account</source>
        <translation>Call and write from account</translation>
    </message>
    <message>
        <source>Calls and messages go from this account</source>
        <translation>Calls and messages go from this account</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Parlo…</source>
        <translation>&amp;About Parlo…</translation>
    </message>
    <message>
        <source>Parlo</source>
        <translation>Parlo</translation>
    </message>
    <message>
        <source>Search or dial</source>
        <translation>Search or dial</translation>
    </message>
    <message>
        <source>Search, or type a number or SIP address — Enter calls, Ctrl+Enter chats</source>
        <translation>Search, or type a number or SIP address — Enter calls, Ctrl+Enter chats</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Views</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Dial pad</source>
        <translation>Dial pad</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation>Cannot start: %1</translation>
    </message>
    <message>
        <source>Message from %1</source>
        <translation>Message from %1</translation>
    </message>
    <message>
        <source>My presence</source>
        <translation>My presence</translation>
    </message>
    <message>
        <source>Presence note</source>
        <translation>Presence note</translation>
    </message>
    <message>
        <source>What are you up to? (seen by your contacts)</source>
        <translation>What are you up to? (seen by your contacts)</translation>
    </message>
    <message>
        <source>Delete the last character</source>
        <translation>Delete the last character</translation>
    </message>
    <message>
        <source>Redial</source>
        <translation>Redial</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>Nothing to redial yet</source>
        <translation>Nothing to redial yet</translation>
    </message>
    <message>
        <source>&amp;Parlo</source>
        <translation>&amp;Parlo</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>&amp;Contacts</translation>
    </message>
    <message>
        <source>&amp;Add contact…</source>
        <translation>&amp;Add contact…</translation>
    </message>
    <message>
        <source>&amp;Import (vCard, CSV)…</source>
        <translation>&amp;Import (vCard, CSV)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>Cannot call &quot;%1&quot;: without an account, enter a full address such as sip:bob@192.0.2.1</source>
        <translation>Cannot call &quot;%1&quot;: without an account, enter a full address such as sip:bob@192.0.2.1</translation>
    </message>
    <message>
        <source>Cannot call &quot;%1&quot;</source>
        <translation>Cannot call &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Cannot chat with &quot;%1&quot;</source>
        <translation>Cannot chat with &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Serverless</source>
        <translation>Serverless</translation>
    </message>
    <message>
        <source>Serverless: %1</source>
        <translation>Serverless: %1</translation>
    </message>
    <message>
        <source>No account: direct calls to SIP addresses (peer to peer)</source>
        <translation>No account: direct calls to SIP addresses (peer to peer)</translation>
    </message>
    <message>
        <source>Not registered</source>
        <translation>Not registered</translation>
    </message>
    <message>
        <source>Registering…</source>
        <translation>Registering…</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Registration failed: %1 (retrying in %2 s)</source>
        <translation>Registration failed: %1 (retrying in %2 s)</translation>
    </message>
    <message>
        <source>Registration failed: %1</source>
        <translation>Registration failed: %1</translation>
    </message>
    <message>
        <source>History (%1)</source>
        <translation>History (%1)</translation>
    </message>
    <message>
        <source>Chat (%1)</source>
        <translation>Chat (%1)</translation>
    </message>
    <message>
        <source>(%1) Parlo</source>
        <translation>(%1) Parlo</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Incoming call</translation>
    </message>
    <message>
        <source>%1 is calling</source>
        <translation>%1 is calling</translation>
    </message>
    <message>
        <source>Presence request</source>
        <translation>Presence request</translation>
    </message>
    <message>
        <source>%1 wants to see your status.</source>
        <translation>%1 wants to see your status.</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Allow</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Block</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>Import contacts</translation>
    </message>
    <message>
        <source>Contacts (*.vcf *.vcard *.csv);;vCard (*.vcf *.vcard);;CSV (*.csv)</source>
        <translation>Contacts (*.vcf *.vcard *.csv);;vCard (*.vcf *.vcard);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importing %1…</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Import failed</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n contact(s)</source>
        <translation>
            <numerusform>Imported %n contact</numerusform>
            <numerusform>Imported %n contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n skipped</source>
        <translation>
            <numerusform>, %n skipped</numerusform>
            <numerusform>, %n skipped</numerusform>
        </translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation>Export contacts</translation>
    </message>
    <message>
        <source>vCard (*.vcf);;CSV (*.csv)</source>
        <translation>vCard (*.vcf);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n contact(s)</source>
        <translation>
            <numerusform>Exported %n contact</numerusform>
            <numerusform>Exported %n contacts</numerusform>
        </translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
</context>
<context>
    <name>Gui::MessageDelegate</name>
    <message>
        <source>%1 · waiting</source>
        <translation>%1 · waiting</translation>
    </message>
    <message>
        <source>%1 · sending…</source>
        <translation>%1 · sending…</translation>
    </message>
    <message>
        <source>%1 · sent</source>
        <translation>%1 · sent</translation>
    </message>
    <message>
        <source>%1 · failed: %2 — double-click to resend</source>
        <translation>%1 · failed: %2 — double-click to resend</translation>
    </message>
</context>
<context>
    <name>Gui::PresenceColors</name>
    <message>
        <source>Available</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Away</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation>Do not disturb</translation>
    </message>
    <message>
        <source>Invisible</source>
        <translation>Invisible</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
</context>
<context>
    <name>Gui::SettingsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Settings — Parlo</source>
        <translation>Settings — Parlo</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Network</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>System language</translation>
    </message>
    <message>
        <source>SIP address</source>
        <translation>SIP address</translation>
    </message>
    <message>
        <source>Authentication user</source>
        <translation>Authentication user</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Outbound proxy</source>
        <translation>Outbound proxy</translation>
    </message>
    <message>
        <source>empty: the domain&apos;s server</source>
        <translation>empty: the domain&apos;s server</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <source>Register with the server</source>
        <translation>Register with the server</translation>
    </message>
    <message>
        <source>SIP &amp;address:</source>
        <translation>SIP &amp;address:</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>&amp;Display name:</translation>
    </message>
    <message>
        <source>Authentication &amp;user:</source>
        <translation>Authentication &amp;user:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Outbound pro&amp;xy:</source>
        <translation>Outbound pro&amp;xy:</translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation>&amp;Transport:</translation>
    </message>
    <message>
        <source>Leave the SIP address empty to use Parlo without a server (direct calls to sip:user@host).</source>
        <translation>Leave the SIP address empty to use Parlo without a server (direct calls to sip:user@host).</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>System default</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <source>Ring device</source>
        <translation>Ring device</translation>
    </message>
    <message>
        <source>Echo cancellation and noise suppression</source>
        <translation>Echo cancellation and noise suppression</translation>
    </message>
    <message>
        <source>Auto-answer after seconds</source>
        <translation>Auto-answer after seconds</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Never</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Microphone:</translation>
    </message>
    <message>
        <source>&amp;Speaker:</source>
        <translation>&amp;Speaker:</translation>
    </message>
    <message>
        <source>&amp;Ring on:</source>
        <translation>&amp;Ring on:</translation>
    </message>
    <message>
        <source>&amp;Auto-answer:</source>
        <translation>&amp;Auto-answer:</translation>
    </message>
    <message>
        <source>SIP port</source>
        <translation>SIP port</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>Any free port</translation>
    </message>
    <message>
        <source>Use IPv6 too</source>
        <translation>Use IPv6 too</translation>
    </message>
    <message>
        <source>SIP &amp;port (UDP and TCP):</source>
        <translation>SIP &amp;port (UDP and TCP):</translation>
    </message>
    <message>
        <source>Network changes apply when Parlo starts again.</source>
        <translation>Network changes apply when Parlo starts again.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Start minimised to the tray</source>
        <translation>Start minimised to the tray</translation>
    </message>
    <message>
        <source>Closing the window keeps Parlo running in the tray</source>
        <translation>Closing the window keeps Parlo running in the tray</translation>
    </message>
    <message>
        <source>Start Parlo when I log in</source>
        <translation>Start Parlo when I log in</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>A new language applies when Parlo starts again.</source>
        <translation>A new language applies when Parlo starts again.</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Microphone level</translation>
    </message>
    <message>
        <source>Speak: the bar follows your voice</source>
        <translation>Speak: the bar follows your voice</translation>
    </message>
    <message>
        <source>Microphone level:</source>
        <translation>Microphone level:</translation>
    </message>
    <message>
        <source>Play test tone</source>
        <translation>Play test tone</translation>
    </message>
    <message>
        <source>Stop test tone</source>
        <translation>Stop test tone</translation>
    </message>
    <message>
        <source>The test tone cannot play: %1</source>
        <translation>The test tone cannot play: %1</translation>
    </message>
    <message>
        <source>The microphone cannot be opened: %1</source>
        <translation>The microphone cannot be opened: %1</translation>
    </message>
</context>
<context>
    <name>Gui::TrayIcon</name>
    <message>
        <source>About Parlo</source>
        <translation>About Parlo</translation>
    </message>
    <message>
        <source>Show Parlo</source>
        <translation>Show Parlo</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Parlo — %1</source>
        <translation>Parlo — %1</translation>
    </message>
    <message numerus="yes">
        <source>%n unread message(s)</source>
        <translation>
            <numerusform>%n unread message</numerusform>
            <numerusform>%n unread messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missed call(s)</source>
        <translation>
            <numerusform>%n missed call</numerusform>
            <numerusform>%n missed calls</numerusform>
        </translation>
    </message>
</context>
</TS>
