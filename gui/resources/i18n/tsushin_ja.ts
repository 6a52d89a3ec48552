<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>BinaryDialog</name>
    <message>
        <source>Hex bytes, e.g. 7b 22 61 22 3a 31 7d 00 ff  (spaces, &apos;:&apos; and 0x are fine)</source>
        <translation>16 進のバイト列。例: 7b 22 61 22 3a 31 7d 00 ff(空白、&apos;:&apos;、0x を含めてもかまいません)</translation>
    </message>
    <message>
        <source>Base64, e.g. eyJhIjoxfQD/</source>
        <translation>Base64。例: eyJhIjoxfQD/</translation>
    </message>
    <message>
        <source>Choose a file: its bytes are sent as they are</source>
        <translation>ファイルを選択してください。その内容がそのまま送信されます</translation>
    </message>
    <message>
        <source>Send binary</source>
        <translation>バイナリを送信</translation>
    </message>
    <message>
        <source>Binary input format</source>
        <translation>バイナリの入力形式</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>16 進</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation>ファイルを選択(&amp;F)…</translation>
    </message>
    <message>
        <source>Binary input</source>
        <translation>バイナリ入力</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>送信(&amp;S)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>入力元</translation>
    </message>
    <message>
        <source>{size} bytes is more than {limit}</source>
        <translation>{size} バイトは上限の {limit} バイトを超えています</translation>
    </message>
    <message>
        <source>Cannot send {name}: {reason}</source>
        <translation>{name} を送信できません: {reason}</translation>
    </message>
    <message>
        <source>{count} bytes</source>
        <translation>{count} バイト</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>ファイルが選択されていません</translation>
    </message>
    <message>
        <source>Nothing to send yet</source>
        <translation>送信する内容がまだありません</translation>
    </message>
    <message>
        <source>Character {position}: {reason}</source>
        <translation>{position} 文字目: {reason}</translation>
    </message>
    <message>
        <source>Send a file as a binary message</source>
        <translation>ファイルをバイナリメッセージとして送信</translation>
    </message>
</context>
<context>
    <name>BinaryProblem</name>
    <message>
        <source>not a hex digit: {char}</source>
        <translation>16 進数字ではありません: {char}</translation>
    </message>
    <message>
        <source>odd number of hex digits ({count}): the last byte has one digit</source>
        <translation>16 進数字の数が奇数です({count} 桁): 最後のバイトが 1 桁しかありません</translation>
    </message>
    <message>
        <source>not a base64 character: {char}</source>
        <translation>Base64 の文字ではありません: {char}</translation>
    </message>
    <message>
        <source>padding &apos;=&apos; in the middle</source>
        <translation>途中にパディング &apos;=&apos; があります</translation>
    </message>
    <message>
        <source>{count} base64 characters: a multiple of 4 is needed (padding &apos;=&apos; missing?)</source>
        <translation>Base64 の文字数が {count} です: 4 の倍数が必要です(パディング &apos;=&apos; が足りない?)</translation>
    </message>
    <message>
        <source>not valid base64: {error}</source>
        <translation>正しい Base64 ではありません: {error}</translation>
    </message>
    <message>
        <source>… {rest} more bytes (the first {seen} are shown; Export has all)</source>
        <translation>… 残り {rest} バイト(先頭の {seen} バイトを表示中。エクスポートすると全体が得られます)</translation>
    </message>
</context>
<context>
    <name>CheckResult</name>
    <message>
        <source>matches</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>{path}: missing (expected {expected})</source>
        <translation>{path}: ありません({expected} を期待)</translation>
    </message>
    <message>
        <source>{path} is {actual}, expected {expected}</source>
        <translation>{path} は {actual} です。期待値は {expected}</translation>
    </message>
    <message>
        <source>{path} is {actual_type} {actual}, expected {expected_type} {expected}</source>
        <translation>{path} は {actual_type} の {actual} です。期待値は {expected_type} の {expected}</translation>
    </message>
    <message>
        <source>{path} has {actual_length} items, expected {expected_length}</source>
        <translation>{path} の要素数は {actual_length} です。期待値は {expected_length}</translation>
    </message>
    <message>
        <source>not JSON: {text}</source>
        <translation>JSON ではありません: {text}</translation>
    </message>
    <message>
        <source>schema: {path}: {reason}</source>
        <translation>スキーマ: {path}: {reason}</translation>
    </message>
    <message>
        <source>not a valid JSON Schema: {reason} (at {schema_path})</source>
        <translation>正しい JSON Schema ではありません: {reason}({schema_path})</translation>
    </message>
</context>
<context>
    <name>CloseCode</name>
    <message>
        <source>normal closure</source>
        <translation>正常終了</translation>
    </message>
    <message>
        <source>going away</source>
        <translation>離脱</translation>
    </message>
    <message>
        <source>protocol error</source>
        <translation>プロトコルエラー</translation>
    </message>
    <message>
        <source>unsupported data</source>
        <translation>未対応のデータ</translation>
    </message>
    <message>
        <source>no status code</source>
        <translation>ステータスコードなし</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>接続断</translation>
    </message>
    <message>
        <source>invalid payload</source>
        <translation>不正なペイロード</translation>
    </message>
    <message>
        <source>policy violation</source>
        <translation>ポリシー違反</translation>
    </message>
    <message>
        <source>message too big</source>
        <translation>メッセージが大きすぎる</translation>
    </message>
    <message>
        <source>extension required</source>
        <translation>拡張が必要</translation>
    </message>
    <message>
        <source>internal server error</source>
        <translation>サーバー内部エラー</translation>
    </message>
    <message>
        <source>service restart</source>
        <translation>サービス再起動</translation>
    </message>
    <message>
        <source>try again later</source>
        <translation>後で再試行</translation>
    </message>
    <message>
        <source>TLS handshake failure</source>
        <translation>TLS ハンドシェイク失敗</translation>
    </message>
    <message>
        <source>closed without a status code</source>
        <translation>ステータスコードなしで閉じられました</translation>
    </message>
    <message>
        <source>application code</source>
        <translation>アプリケーション定義のコード</translation>
    </message>
    <message>
        <source>unknown code</source>
        <translation>不明なコード</translation>
    </message>
</context>
<context>
    <name>ConnectError</name>
    <message>
        <source>no TLS handshake came back from {where} within {timeout:g} s: is it a plain ws:// server? Try ws://</source>
        <translation>{timeout:g} 秒以内に {where} から TLS ハンドシェイクが返ってきません。通常の ws:// サーバーではありませんか?ws:// を試してください</translation>
    </message>
    <message>
        <source>{where} did not answer in TLS ({detail}): is it a plain ws:// server? Try ws://</source>
        <translation>{where} は TLS で応答しませんでした({detail})。通常の ws:// サーバーではありませんか?ws:// を試してください</translation>
    </message>
    <message>
        <source>{where} closed the connection during the TLS handshake: is it a plain ws:// server? Try ws://</source>
        <translation>{where} が TLS ハンドシェイク中に接続を閉じました。通常の ws:// サーバーではありませんか?ws:// を試してください</translation>
    </message>
    <message>
        <source>server rejected the handshake: {status} — an HTTP server, not a WebSocket endpoint (WSGI instead of ASGI?)</source>
        <translation>サーバーがハンドシェイクを拒否しました: {status} — WebSocket エンドポイントではなく HTTP サーバーです(ASGI ではなく WSGI?)</translation>
    </message>
    <message>
        <source>server rejected the handshake: {status} — check the scheme and path</source>
        <translation>サーバーがハンドシェイクを拒否しました: {status} — スキームとパスを確認してください</translation>
    </message>
    <message>
        <source>server rejected the handshake: {status} — check ALLOWED_HOSTS / origin</source>
        <translation>サーバーがハンドシェイクを拒否しました: {status} — ALLOWED_HOSTS / Origin を確認してください</translation>
    </message>
    <message>
        <source>server rejected the handshake: {status} — check the path</source>
        <translation>サーバーがハンドシェイクを拒否しました: {status} — パスを確認してください</translation>
    </message>
    <message>
        <source>server rejected the handshake: {status} — the server failed; see its log</source>
        <translation>サーバーがハンドシェイクを拒否しました: {status} — サーバーで障害が起きています。ログを確認してください</translation>
    </message>
    <message>
        <source>server rejected the handshake: {status} — a proxy could not reach the server</source>
        <translation>サーバーがハンドシェイクを拒否しました: {status} — プロキシがサーバーに到達できません</translation>
    </message>
    <message>
        <source>server rejected the handshake: {status} — the server is not available</source>
        <translation>サーバーがハンドシェイクを拒否しました: {status} — サーバーが利用できません</translation>
    </message>
    <message>
        <source>server rejected the handshake: {status} — the server did not accept a WebSocket here</source>
        <translation>サーバーがハンドシェイクを拒否しました: {status} — ここでは WebSocket を受け付けていません</translation>
    </message>
    <message>
        <source>connection refused by {where}</source>
        <translation>{where} に接続を拒否されました</translation>
    </message>
    <message>
        <source>host not found: {host}</source>
        <translation>ホストが見つかりません: {host}</translation>
    </message>
    <message>
        <source>timed out after {timeout:g} s waiting for {where}</source>
        <translation>{where} を {timeout:g} 秒待ちましたがタイムアウトしました</translation>
    </message>
    <message>
        <source>TLS certificate of {host} not trusted: {detail}</source>
        <translation>{host} の TLS 証明書を信頼できません: {detail}</translation>
    </message>
    <message>
        <source>TLS error with {where}: {detail}</source>
        <translation>{where} との TLS エラー: {detail}</translation>
    </message>
    <message>
        <source>connection reset by {where}</source>
        <translation>{where} に接続をリセットされました</translation>
    </message>
    <message>
        <source>{where} closed the connection during the handshake</source>
        <translation>{where} がハンドシェイク中に接続を閉じました</translation>
    </message>
    <message>
        <source>cannot connect to {where}: {detail}</source>
        <translation>{where} に接続できません: {detail}</translation>
    </message>
    <message>
        <source>the proxy {proxy} refused the connection to {where}: {detail}</source>
        <translation>プロキシ {proxy} が {where} への接続を拒否しました: {detail}</translation>
    </message>
    <message>
        <source>cannot reach the proxy {proxy}: connection refused</source>
        <translation>プロキシ {proxy} に到達できません: 接続を拒否されました</translation>
    </message>
    <message>
        <source>cannot reach the proxy {proxy}: host not found</source>
        <translation>プロキシ {proxy} に到達できません: ホストが見つかりません</translation>
    </message>
</context>
<context>
    <name>ConnectionController</name>
    <message>
        <source>disconnected: the app is closing</source>
        <translation>切断しました: アプリを終了します</translation>
    </message>
    <message>
        <source>attempt {attempt}: {message}</source>
        <translation>{attempt} 回目: {message}</translation>
    </message>
    <message>
        <source>starting the embedded server…</source>
        <translation>内蔵サーバーを起動しています…</translation>
    </message>
    <message>
        <source>connecting to {url}…</source>
        <translation>{url} に接続しています…</translation>
    </message>
    <message>
        <source>cannot connect: {problem} (and {more} more)</source>
        <translation>接続できません: {problem}(ほか {more} 件)</translation>
    </message>
    <message>
        <source>cannot connect: {problem}</source>
        <translation>接続できません: {problem}</translation>
    </message>
    <message>
        <source>{reason} — reconnecting in {seconds} s</source>
        <translation>{reason} — {seconds} 秒後に再接続します</translation>
    </message>
    <message>
        <source>connected to {url} (TLS verification off)</source>
        <translation>{url} に接続しました(TLS 検証オフ)</translation>
    </message>
    <message>
        <source>connected to {url}</source>
        <translation>{url} に接続しました</translation>
    </message>
    <message>
        <source>server closed the connection: {close}: {cause}</source>
        <translation>サーバーが接続を閉じました: {close}: {cause}</translation>
    </message>
    <message>
        <source>server closed the connection: {close}</source>
        <translation>サーバーが接続を閉じました: {close}</translation>
    </message>
    <message>
        <source>no close frame from the server</source>
        <translation>サーバーからクローズフレームがありません</translation>
    </message>
    <message>
        <source>connection lost (1006: {why})</source>
        <translation>接続が失われました(1006: {why})</translation>
    </message>
    <message>
        <source>the server broke the WebSocket protocol: closed with {close}</source>
        <translation>サーバーが WebSocket プロトコルに違反しました: {close} で閉じました</translation>
    </message>
    <message>
        <source>embedded server ready at {url}</source>
        <translation>内蔵サーバーの準備ができました: {url}</translation>
    </message>
</context>
<context>
    <name>ConnectionInfo</name>
    <message>
        <source>subprotocol {name}</source>
        <translation>サブプロトコル {name}</translation>
    </message>
    <message>
        <source>TLS verification off</source>
        <translation>TLS 検証オフ</translation>
    </message>
    <message>
        <source>through proxy {proxy}</source>
        <translation>プロキシ {proxy} 経由</translation>
    </message>
    <message>
        <source>connected to {url}</source>
        <translation>{url} に接続しました</translation>
    </message>
    <message>
        <source>{text} ({notes})</source>
        <translation>{text}({notes})</translation>
    </message>
</context>
<context>
    <name>ConnectionPanel</name>
    <message>
        <source>Server mode</source>
        <translation>サーバーの種類</translation>
    </message>
    <message>
        <source>Embedded server</source>
        <translation>内蔵サーバー</translation>
    </message>
    <message>
        <source>Remote server</source>
        <translation>リモートサーバー</translation>
    </message>
    <message>
        <source>Embedded: Tsushin starts its own echo server on a free port</source>
        <translation>内蔵: Tsushin が空いているポートで自前のエコーサーバーを起動します</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>スキーム</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>パス</translation>
    </message>
    <message>
        <source>Recent connections</source>
        <translation>最近の接続先</translation>
    </message>
    <message>
        <source>Built-in server, on a free port; path</source>
        <translation>内蔵サーバー(空きポート)、パス</translation>
    </message>
    <message>
        <source>Connect starts Tsushin&apos;s own Django Channels echo server on 127.0.0.1</source>
        <translation>接続すると、Tsushin 自身の Django Channels エコーサーバーを 127.0.0.1 で起動します</translation>
    </message>
    <message>
        <source>Auto-reconnect</source>
        <translation>自動再接続</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>接続タイムアウト</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>How long to wait for the server at each step of connecting (TCP, TLS, WebSocket)</source>
        <translation>接続の各段階(TCP、TLS、WebSocket)でサーバーを待つ時間</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>&amp;Log in…</source>
        <translation>ログイン(&amp;L)…</translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation>接続状態</translation>
    </message>
    <message>
        <source>Subprotocol chosen by the server</source>
        <translation>サーバーが選んだサブプロトコル</translation>
    </message>
    <message>
        <source>The subprotocol the server chose</source>
        <translation>サーバーが選んだサブプロトコル</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>ログアウト(&amp;O)</translation>
    </message>
    <message>
        <source>Log in…</source>
        <translation>ログイン…</translation>
    </message>
    <message>
        <source>Log in to the Django site: its session cookie goes in every handshake</source>
        <translation>Django サイトにログインします。そのセッション Cookie が毎回のハンドシェイクで送られます</translation>
    </message>
    <message>
        <source>Logged in as</source>
        <translation>ログイン中のユーザー</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>タイムアウト</translation>
    </message>
    <message>
        <source>Recent…</source>
        <translation>最近の接続先…</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>切断</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>切断(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>接続(&amp;C)</translation>
    </message>
    <message>
        <source>ping {ms} ms</source>
        <translation>ping {ms} ミリ秒</translation>
    </message>
    <message>
        <source>protocol {name}</source>
        <translation>プロトコル {name}</translation>
    </message>
    <message>
        <source>Logged in as {user}</source>
        <translation>{user} としてログイン中</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>ログアウト</translation>
    </message>
</context>
<context>
    <name>ConnectionState</name>
    <message>
        <source>disconnected</source>
        <translation>切断</translation>
    </message>
    <message>
        <source>starting server</source>
        <translation>サーバー起動中</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>接続中</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>接続済み</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>再接続中</translation>
    </message>
    <message>
        <source>error</source>
        <translation>エラー</translation>
    </message>
</context>
<context>
    <name>ConnectionTab</name>
    <message>
        <source>Connection settings</source>
        <translation>接続設定</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>プロファイルを保存</translation>
    </message>
    <message>
        <source>Save this tab&apos;s connection profile now (Ctrl+S)</source>
        <translation>このタブの接続プロファイルを今すぐ保存します(Ctrl+S)</translation>
    </message>
    <message>
        <source>A profile called {name!r} exists already</source>
        <translation>{name!r} という名前のプロファイルはすでにあります</translation>
    </message>
    <message>
        <source>The profile was not saved: {why}</source>
        <translation>プロファイルは保存されませんでした: {why}</translation>
    </message>
    <message>
        <source> (its secrets in the system&apos;s credential store)</source>
        <translation>(秘密情報はシステムの資格情報ストアに保存)</translation>
    </message>
    <message>
        <source> (secrets kept in memory only: no credential store)</source>
        <translation>(資格情報ストアがないため、秘密情報はメモリー上のみ)</translation>
    </message>
    <message>
        <source> (secrets in the profile file, as chosen)</source>
        <translation>(指定どおり、秘密情報はプロファイルファイルに保存)</translation>
    </message>
    <message>
        <source>Profile {name} saved{note}</source>
        <translation>プロファイル {name} を保存しました{note}</translation>
    </message>
    <message>
        <source>the tab closed</source>
        <translation>タブが閉じられました</translation>
    </message>
    <message>
        <source>Not connected: nothing was sent</source>
        <translation>未接続のため、何も送信していません</translation>
    </message>
    <message>
        <source>{n} headers</source>
        <translation>ヘッダー {n} 件</translation>
    </message>
    <message>
        <source>{n} cookies</source>
        <translation>Cookie {n} 件</translation>
    </message>
    <message>
        <source>no Origin</source>
        <translation>Origin なし</translation>
    </message>
    <message>
        <source>Origin {origin}</source>
        <translation>Origin {origin}</translation>
    </message>
    <message>
        <source>TLS verification off</source>
        <translation>TLS 検証オフ</translation>
    </message>
    <message>
        <source>proxy {address}</source>
        <translation>プロキシ {address}</translation>
    </message>
    <message>
        <source>⚠ {n} to fix</source>
        <translation>⚠ 要修正 {n} 件</translation>
    </message>
    <message>
        <source>the connection closed</source>
        <translation>接続が閉じられました</translation>
    </message>
    <message>
        <source>Nothing was sent: {reason}</source>
        <translation>何も送信していません: {reason}</translation>
    </message>
    <message>
        <source>Not connected: the periodic send did not start</source>
        <translation>未接続のため、定期送信を開始しませんでした</translation>
    </message>
    <message>
        <source>The periodic send did not start: {reason}</source>
        <translation>定期送信を開始しませんでした: {reason}</translation>
    </message>
    <message>
        <source>periodic send started: every {interval} ms, {limit} times</source>
        <translation>定期送信を開始しました: {interval} ミリ秒ごと、{limit} 回</translation>
    </message>
    <message>
        <source>periodic send started: every {interval} ms, until stopped</source>
        <translation>定期送信を開始しました: {interval} ミリ秒ごと、停止するまで</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止しました</translation>
    </message>
    <message>
        <source>periodic send stopped after {sent} messages: {reason}</source>
        <translation>定期送信は {sent} 件で停止しました: {reason}</translation>
    </message>
    <message>
        <source>Periodic send stopped after {sent} messages: {reason}</source>
        <translation>定期送信は {sent} 件で停止しました: {reason}</translation>
    </message>
    <message>
        <source>Only the first bytes of this {size}-byte message are loaded: Export has them all, Send binary… can send a file</source>
        <translation>この {size} バイトのメッセージは先頭部分だけを読み込んでいます。エクスポートで全体を保存でき、「バイナリを送信…」でファイルを送信できます</translation>
    </message>
</context>
<context>
    <name>ConnectionTabs</name>
    <message>
        <source>Connections</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>New tab</source>
        <translation>新しいタブ</translation>
    </message>
    <message>
        <source>Connection tabs</source>
        <translation>接続タブ</translation>
    </message>
    <message>
        <source>Rename tab</source>
        <translation>タブ名の変更</translation>
    </message>
    <message>
        <source>Name of this connection:</source>
        <translation>この接続の名前:</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>名前を変更…</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>Direction</name>
    <message>
        <source>sent</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>received</source>
        <translation>受信</translation>
    </message>
    <message>
        <source>system</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>error</source>
        <translation>エラー</translation>
    </message>
</context>
<context>
    <name>ExpectationDialog</name>
    <message>
        <source>Expected reply</source>
        <translation>期待する応答</translation>
    </message>
    <message>
        <source>What a reply to this message should look like (empty: no check).</source>
        <translation>このメッセージへの応答のあるべき形(空欄ならチェックしません)。</translation>
    </message>
    <message>
        <source>&amp;Partial document (every key it names must match):</source>
        <translation>部分ドキュメント(含むキーがすべて一致すること)(&amp;P):</translation>
    </message>
    <message>
        <source>JSON &amp;Schema:</source>
        <translation>JSON スキーマ(&amp;S):</translation>
    </message>
    <message>
        <source>Partial document</source>
        <translation>部分ドキュメント</translation>
    </message>
    <message>
        <source>JSON Schema</source>
        <translation>JSON スキーマ</translation>
    </message>
</context>
<context>
    <name>ExportProgress</name>
    <message>
        <source>Export progress</source>
        <translation>エクスポートの進行状況</translation>
    </message>
    <message>
        <source>Exporting… %p%</source>
        <translation>エクスポート中… %p%</translation>
    </message>
    <message>
        <source>Exported {count} messages to {path}</source>
        <extracomment>Whether the last export that ended was cancelled (rather than failed).</extracomment>
        <translation>{count} 件のメッセージを {path} にエクスポートしました</translation>
    </message>
    <message>
        <source>Export cancelled: {path} was not written</source>
        <translation>エクスポートを取り消しました: {path} は書き込まれていません</translation>
    </message>
    <message>
        <source>Could not export to {path}: {reason}</source>
        <translation>{path} にエクスポートできませんでした: {reason}</translation>
    </message>
</context>
<context>
    <name>FileOpener</name>
    <message>
        <source>Open a JSON file</source>
        <translation>JSON ファイルを開く</translation>
    </message>
    <message>
        <source>JSON files (*.json *.jsonl *.txt);;All files (*)</source>
        <translation>JSON ファイル (*.json *.jsonl *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Opened {name}; the other {n} files dropped were left out</source>
        <translation>{name} を開きました。ドロップされた残りの {n} 個のファイルは読み込んでいません</translation>
    </message>
    <message>
        <source>Opened {name}</source>
        <translation>{name} を開きました</translation>
    </message>
    <message>
        <source>; it is not UTF-8 text: the bytes that are not were replaced by �</source>
        <translation>。UTF-8 のテキストではありません: UTF-8 でないバイトは � に置き換えました</translation>
    </message>
    <message>
        <source>; it is not valid JSON (see under the editor)</source>
        <translation>。有効な JSON ではありません (エディターの下を参照)</translation>
    </message>
    <message>
        <source>{name} was not opened: {size} is more than the editor takes ({most})</source>
        <translation>{name} を開けませんでした: {size} はエディターで扱える大きさ ({most}) を超えています</translation>
    </message>
    <message>
        <source>{name} was not opened: there is no such file</source>
        <translation>{name} を開けませんでした: そのファイルはありません</translation>
    </message>
    <message>
        <source>{name} was not opened: it is not a file</source>
        <translation>{name} を開けませんでした: ファイルではありません</translation>
    </message>
    <message>
        <source>{name} could not be read: {error}</source>
        <translation>{name} を読み込めませんでした: {error}</translation>
    </message>
</context>
<context>
    <name>HandshakeCause</name>
    <message>
        <source>the server refused the handshake with Origin {origin}: most often its host {origin_host} is not in Django&apos;s ALLOWED_HOSTS, which Channels&apos; AllowedHostsOriginValidator checks (add it there, or send another Origin or none from this profile); daphne answers 403 too when no route matches the path (URLRouter) or the consumer closes in connect()</source>
        <translation>サーバーは Origin {origin} のハンドシェイクを拒否しました。多くの場合、ホスト {origin_host} が Django の ALLOWED_HOSTS に入っていません(Channels の AllowedHostsOriginValidator が確認します)。そこに追加するか、このプロファイルから別の Origin を送るか Origin なしにしてください。パスに一致するルートがない場合(URLRouter)や、consumer が connect() で閉じた場合も daphne は 403 を返します</translation>
    </message>
    <message>
        <source>the server refuses clients that send no Origin (Channels&apos; AllowedHostsOriginValidator / OriginValidator): send the server&apos;s own address</source>
        <translation>サーバーは Origin を送らないクライアントを拒否します(Channels の AllowedHostsOriginValidator / OriginValidator)。サーバー自身のアドレスを送ってください</translation>
    </message>
    <message>
        <source>the server refused the handshake (403): a middleware or the consumer&apos;s connect() rejected it</source>
        <translation>サーバーがハンドシェイクを拒否しました(403)。ミドルウェアか consumer の connect() が拒否しています</translation>
    </message>
    <message>
        <source>the server wants credentials (401): a token in a header or the query, or a login</source>
        <translation>サーバーは認証情報を求めています(401)。ヘッダーかクエリのトークン、またはログインが必要です</translation>
    </message>
    <message>
        <source>no WebSocket route at {path}: the ASGI router (URLRouter in routing.py / asgi.py) has no pattern for it; check the path and its trailing slash</source>
        <translation>{path} に WebSocket のルートがありません。ASGI のルーター(routing.py / asgi.py の URLRouter)に該当するパターンがありません。パスと末尾のスラッシュを確認してください</translation>
    </message>
    <message>
        <source>an HTTP server answered ({status}), not a WebSocket endpoint: the site runs under WSGI (gunicorn, or runserver without daphne/channels) instead of ASGI, or {path} is an ordinary page</source>
        <translation>WebSocket エンドポイントではなく HTTP サーバーが応答しました({status})。サイトが ASGI ではなく WSGI(gunicorn、または daphne/channels なしの runserver)で動いているか、{path} が通常のページです</translation>
    </message>
    <message>
        <source>a proxy or load balancer in front of the server answered {status}: it cannot reach the ASGI server or does not pass WebSocket upgrades on</source>
        <translation>サーバーの前段のプロキシかロードバランサーが {status} を返しました。ASGI サーバーに届いていないか、WebSocket のアップグレードを転送していません</translation>
    </message>
    <message>
        <source>the server failed while handling the handshake ({status}): see its log (an exception in a middleware or in the consumer&apos;s connect())</source>
        <translation>サーバーがハンドシェイクの処理中に失敗しました({status})。サーバーのログを確認してください(ミドルウェアか consumer の connect() で例外)</translation>
    </message>
    <message>
        <source>the server answered {status} instead of accepting the WebSocket</source>
        <translation>サーバーは WebSocket を受け入れず、{status} を返しました</translation>
    </message>
    <message>
        <source>the server answered 101 but not as a WebSocket server does</source>
        <translation>サーバーは 101 を返しましたが、WebSocket サーバーの応答ではありません</translation>
    </message>
    <message>
        <source>the server chose subprotocol {chosen}, which was not offered (offered: {offered})</source>
        <translation>サーバーが提示していないサブプロトコル {chosen} を選びました(提示したもの: {offered})</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not trusted ({detail}): a self-signed or development certificate, or an unknown CA; give this profile the CA file, or turn verification off for it</source>
        <translation>サーバーの証明書を信頼できません({detail})。自己署名か開発用の証明書、または未知の CA です。このプロファイルに CA ファイルを指定するか、検証をオフにしてください</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is for another host ({detail})</source>
        <translation>サーバーの証明書は別のホストのものです({detail})</translation>
    </message>
    <message>
        <source>no TLS at {where}: it looks like a plain ws:// server; try ws://</source>
        <translation>{where} は TLS を話しません。通常の ws:// サーバーのようです。ws:// を試してください</translation>
    </message>
    <message>
        <source>the TLS handshake with {where} failed ({detail})</source>
        <translation>{where} との TLS ハンドシェイクに失敗しました({detail})</translation>
    </message>
    <message>
        <source>cannot use the TLS files of this profile: {detail}</source>
        <translation>このプロファイルの TLS ファイルを使えません: {detail}</translation>
    </message>
    <message>
        <source>the server refused the client certificate ({detail})</source>
        <translation>サーバーがクライアント証明書を拒否しました({detail})</translation>
    </message>
    <message>
        <source>the proxy {proxy} refused to open a tunnel to {where} ({detail})</source>
        <translation>プロキシ {proxy} が {where} へのトンネルを拒否しました({detail})</translation>
    </message>
    <message>
        <source>the proxy {proxy} wants a login (407): give the user and password</source>
        <translation>プロキシ {proxy} がログインを求めています(407)。ユーザー名とパスワードを指定してください</translation>
    </message>
    <message>
        <source>cannot reach the proxy {proxy}: {detail}</source>
        <translation>プロキシ {proxy} に到達できません: {detail}</translation>
    </message>
    <message>
        <source>nothing accepts connections at {where} (is the server running?)</source>
        <translation>{where} で接続を受け付けるものがありません(サーバーは起動していますか?)</translation>
    </message>
    <message>
        <source>host not found: {host}</source>
        <translation>ホストが見つかりません: {host}</translation>
    </message>
    <message>
        <source>no answer from {where} within {timeout:g} s</source>
        <translation>{timeout:g} 秒以内に {where} から応答がありません</translation>
    </message>
    <message>
        <source>{detail}</source>
        <translation>{detail}</translation>
    </message>
    <message>
        <source>the consumer accepted the handshake and closed it at once with {code} ({reason}): it refused an anonymous user; log in (Django login) so that the session cookie goes with the handshake</source>
        <translation>consumer はハンドシェイクを受け入れた直後に {code}({reason})で閉じました。匿名ユーザーを拒否しています。ログイン(Django のログイン)して、セッション Cookie がハンドシェイクで送られるようにしてください</translation>
    </message>
    <message>
        <source>the consumer accepted the handshake and closed it at once with {code} ({reason}), although cookies were sent ({cookies}): the session may have expired, be for another site or port, or this user is not allowed</source>
        <translation>Cookie を送った({cookies})にもかかわらず、consumer はハンドシェイクを受け入れた直後に {code}({reason})で閉じました。セッションの期限切れ、別のサイトやポートのセッション、またはこのユーザーが許可されていない可能性があります</translation>
    </message>
</context>
<context>
    <name>HandshakeFailure</name>
    <message>
        <source>no HTTP answer</source>
        <translation>HTTP の応答なし</translation>
    </message>
    <message>
        <source>likely cause: {cause}</source>
        <translation>考えられる原因: {cause}</translation>
    </message>
    <message>
        <source>sent: {request}</source>
        <translation>送信内容: {request}</translation>
    </message>
    <message>
        <source>received: {reply}</source>
        <translation>受信内容: {reply}</translation>
    </message>
</context>
<context>
    <name>HistoryImports</name>
    <message>
        <source>imported {n} rows from {file}</source>
        <translation>{file} から {n} 行を取り込みました</translation>
    </message>
    <message>
        <source>{n} rows imported from {file} into {tab}</source>
        <translation>{file} から {n} 行を {tab} に取り込みました</translation>
    </message>
    <message>
        <source>{file} is not a history export, nothing was imported: {problem}</source>
        <translation>{file} は履歴のエクスポートではありません。何も取り込んでいません: {problem}</translation>
    </message>
</context>
<context>
    <name>HistoryLog</name>
    <message>
        <source>history not saved to disk: {error}</source>
        <translation>履歴をディスクに保存できません: {error}</translation>
    </message>
    <message>
        <source>history saved to disk again ({count} messages)</source>
        <translation>履歴をふたたびディスクに保存しました({count} 件)</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Time</source>
        <extracomment>On the Format column: True / False for a received message that passed / failed its tab&apos;s schema, None when it was not checked (the view marks failures with an icon).</extracomment>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>the filter could not be applied: {error}</source>
        <translation>フィルターを適用できませんでした: {error}</translation>
    </message>
    <message>
        <source>(message #{row} lost: it could not be written to the history file and was dropped from memory)</source>
        <translation>(メッセージ #{row} は失われました: 履歴ファイルに書き込めず、メモリーからも破棄されました)</translation>
    </message>
    <message>
        <source>(message #{row} lost: it is no longer in the history file)</source>
        <translation>(メッセージ #{row} は失われました: 履歴ファイルにもうありません)</translation>
    </message>
    <message>
        <source>Imported from a history export, not sent or received here</source>
        <translation>履歴のエクスポートから取り込んだ行です(ここで送受信したものではありません)</translation>
    </message>
    <message>
        <source>{direction} (imported)</source>
        <translation>{direction}(取り込み)</translation>
    </message>
    <message>
        <source>binary</source>
        <translation>バイナリ</translation>
    </message>
    <message>
        <source>JSON ✓</source>
        <translation>JSON ✓</translation>
    </message>
    <message>
        <source>JSON ✗</source>
        <translation>JSON ✗</translation>
    </message>
    <message>
        <source>not JSON</source>
        <translation>JSON 以外</translation>
    </message>
    <message>
        <source>Passed the tab&apos;s JSON Schema</source>
        <translation>タブの JSON Schema に合格</translation>
    </message>
    <message>
        <source>Failed the tab&apos;s JSON Schema at {path}: {reason}</source>
        <translation>タブの JSON Schema に不合格({path}): {reason}</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受信</translation>
    </message>
    <message>
        <source>Sent + received</source>
        <translation>送信 + 受信</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Schema errors</source>
        <translation>スキーマエラー</translation>
    </message>
    <message>
        <source>Filter messages</source>
        <extracomment>Makes the &quot;All connections&quot; view of the history (a new model each time).</extracomment>
        <translation>メッセージを絞り込む</translation>
    </message>
    <message>
        <source>Filter messages…</source>
        <translation>メッセージを絞り込む…</translation>
    </message>
    <message>
        <source>Show directions</source>
        <translation>表示する方向</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>Delete every message of this history</source>
        <translation>この履歴のメッセージをすべて削除</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy the selected messages&apos; content</source>
        <translation>選択したメッセージの内容をコピー</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>エクスポート…</translation>
    </message>
    <message>
        <source>Save the shown messages as JSON Lines</source>
        <translation>表示中のメッセージを JSON Lines で保存します</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>エクスポートを取り消す</translation>
    </message>
    <message>
        <source>Save to library…</source>
        <translation>ライブラリに保存…</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>比較…</translation>
    </message>
    <message>
        <source>Compare the two selected messages (Ctrl+K)</source>
        <translation>選択した 2 件のメッセージを比較 (Ctrl+K)</translation>
    </message>
    <message>
        <source>Clear the filter</source>
        <translation>フィルターを解除</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>履歴の消去</translation>
    </message>
    <message>
        <source>Delete all {count} messages from the history? This cannot be undone.</source>
        <translation>履歴から {count} 件のメッセージをすべて削除しますか?元に戻せません。</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>履歴のエクスポート</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>エクスポート失敗</translation>
    </message>
</context>
<context>
    <name>HistoryWriter</name>
    <message>
        <source>cannot open {file}: {error}</source>
        <translation>{file} を開けません: {error}</translation>
    </message>
    <message>
        <source>{file} is not open</source>
        <translation>{file} が開かれていません</translation>
    </message>
    <message>
        <source>cannot clear {file}: {error}</source>
        <translation>{file} を消去できません: {error}</translation>
    </message>
</context>
<context>
    <name>ImportProblem</name>
    <message>
        <source>line {line}: not JSON ({reason}): {text}</source>
        <translation>{line} 行目: JSON ではありません({reason}): {text}</translation>
    </message>
    <message>
        <source>line {line}: not a history row (no {missing}): {text}</source>
        <translation>{line} 行目: 履歴の行ではありません({missing} がありません): {text}</translation>
    </message>
    <message>
        <source>no sent messages in the export: nothing to replay</source>
        <translation>エクスポートに送信メッセージがありません。再生するものがありません</translation>
    </message>
    <message>
        <source>no history rows in it: a history export is JSON Lines, one row a line</source>
        <translation>履歴の行がありません: 履歴のエクスポートは JSON Lines(1 行に 1 件)です</translation>
    </message>
    <message>
        <source>line {line}: {key} is not {expected}: {text}</source>
        <translation>{line} 行目: {key} が {expected} ではありません: {text}</translation>
    </message>
    <message>
        <source>cannot read {file}: {reason}</source>
        <translation>{file} を読めません: {reason}</translation>
    </message>
    <message>
        <source>{file} is not UTF-8 text (byte {position})</source>
        <translation>{file} は UTF-8 のテキストではありません({position} バイト目)</translation>
    </message>
</context>
<context>
    <name>InstanceGuard</name>
    <message>
        <source>Tsushin is already open on the data folder {folder}: its window was brought forward</source>
        <translation>データフォルダー {folder} の Tsushin はすでに起動しています: そのウィンドウを前面に表示しました</translation>
    </message>
    <message>
        <source>the Tsushin already open on the data folder {folder} is not responding; this start did not open the history. Wait for it, or end it, then start again</source>
        <translation>データフォルダー {folder} で起動中の Tsushin が応答しません。今回の起動では履歴を開いていません。応答を待つか、終了させてから、もう一度起動してください</translation>
    </message>
</context>
<context>
    <name>JsonDetail</name>
    <message>
        <source>Expecting value</source>
        <translation>値がありません</translation>
    </message>
    <message>
        <source>Expecting &apos;,&apos; delimiter</source>
        <translation>区切りの &apos;,&apos; がありません</translation>
    </message>
    <message>
        <source>Expecting &apos;:&apos; delimiter</source>
        <translation>区切りの &apos;:&apos; がありません</translation>
    </message>
    <message>
        <source>Expecting property name enclosed in double quotes</source>
        <translation>ダブルクォートで囲んだキー名がありません</translation>
    </message>
    <message>
        <source>Extra data</source>
        <translation>文書のあとに余分なデータがあります</translation>
    </message>
    <message>
        <source>Unterminated string starting at</source>
        <translation>ここで始まる文字列が閉じられていません</translation>
    </message>
    <message>
        <source>Invalid control character at</source>
        <translation>文字列の中に使えない制御文字があります</translation>
    </message>
    <message>
        <source>Invalid \escape</source>
        <translation>不正なエスケープ (\) です</translation>
    </message>
    <message>
        <source>Invalid \uXXXX escape</source>
        <translation>不正な \uXXXX エスケープです</translation>
    </message>
    <message>
        <source>Illegal trailing comma before end of object</source>
        <translation>オブジェクトの最後に余分なカンマがあります</translation>
    </message>
    <message>
        <source>Illegal trailing comma before end of array</source>
        <translation>配列の最後に余分なカンマがあります</translation>
    </message>
    <message>
        <source>NaN is not allowed in JSON (RFC 8259)</source>
        <translation>NaN は JSON では使えません (RFC 8259)</translation>
    </message>
    <message>
        <source>Infinity is not allowed in JSON (RFC 8259)</source>
        <translation>Infinity は JSON では使えません (RFC 8259)</translation>
    </message>
    <message>
        <source>-Infinity is not allowed in JSON (RFC 8259)</source>
        <translation>-Infinity は JSON では使えません (RFC 8259)</translation>
    </message>
</context>
<context>
    <name>JsonDiffDialog</name>
    <message>
        <source>Compare messages</source>
        <extracomment>The colour role of each kind of difference.</extracomment>
        <translation>メッセージの比較</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>相違点</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>パス</translation>
    </message>
    <message>
        <source>First</source>
        <translation>1 件目</translation>
    </message>
    <message>
        <source>Second</source>
        <translation>2 件目</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>パスをコピー</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>入れ替え</translation>
    </message>
    <message>
        <source>Compare the second message with the first</source>
        <translation>2 件目から 1 件目への違いを見る</translation>
    </message>
    <message>
        <source>First: {first}
Second: {second}</source>
        <translation>1 件目: {first}
2 件目: {second}</translation>
    </message>
    <message>
        <source>Binary messages are not compared: select two text messages</source>
        <translation>バイナリのメッセージは比較しません: テキストのメッセージを 2 件選んでください</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>比較しています…</translation>
    </message>
    <message>
        <source>Identical</source>
        <translation>同一</translation>
    </message>
    <message>
        <source>{n} changed</source>
        <translation>変更 {n} 件</translation>
    </message>
    <message>
        <source>{n} added</source>
        <translation>追加 {n} 件</translation>
    </message>
    <message>
        <source>{n} removed</source>
        <translation>削除 {n} 件</translation>
    </message>
    <message>
        <source> (the first {n} differences: there are more)</source>
        <translation> (最初の {n} 件: 相違点はまだあります)</translation>
    </message>
    <message>
        <source> · compared as text, line by line</source>
        <translation> · テキストとして行ごとに比較</translation>
    </message>
    <message>
        <source>line {n}</source>
        <translation>{n} 行目</translation>
    </message>
    <message>
        <source>added</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>変更</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>binary</source>
        <translation>バイナリ</translation>
    </message>
    <message>
        <source>{direction} at {time}, {size} bytes, {kind}</source>
        <translation>{direction} {time}、{size} バイト、{kind}</translation>
    </message>
</context>
<context>
    <name>JsonEditor</name>
    <message>
        <source>JSON to send</source>
        <translation>送信する JSON</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>検証結果</translation>
    </message>
    <message>
        <source>Fo&amp;rmat</source>
        <translation>整形(&amp;R)</translation>
    </message>
    <message>
        <source>Pretty-print the document (2-space indent)</source>
        <translation>ドキュメントを整形します(2 スペースのインデント)</translation>
    </message>
    <message>
        <source>Co&amp;mpact</source>
        <translation>圧縮(&amp;M)</translation>
    </message>
    <message>
        <source>Put the document on one line</source>
        <translation>ドキュメントを 1 行にまとめます</translation>
    </message>
    <message>
        <source>Send as raw text</source>
        <translation>テキストのまま送信</translation>
    </message>
    <message>
        <source>Send the text exactly as typed, even if not JSON</source>
        <translation>JSON でなくても、入力したテキストをそのまま送信します</translation>
    </message>
    <message>
        <source>Send &amp;binary…</source>
        <translation>バイナリを送信(&amp;B)…</translation>
    </message>
    <message>
        <source>Send a binary message: hex, base64 or a file</source>
        <translation>バイナリメッセージを送信します: 16 進、Base64、またはファイル</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>送信(&amp;S)</translation>
    </message>
    <message>
        <source>Send the JSON document (Ctrl+Enter)</source>
        <translation>JSON ドキュメントを送信します(Ctrl+Enter)</translation>
    </message>
    <message>
        <source> — very long lines make editing slow: Format splits them</source>
        <translation> — 行がとても長いと編集が遅くなります。整形すると分割されます</translation>
    </message>
    <message>
        <source>Loading… {percent}%</source>
        <translation>読み込み中… {percent}%</translation>
    </message>
    <message>
        <source>Cannot format: the text is not valid JSON</source>
        <translation>整形できません: 正しい JSON ではありません</translation>
    </message>
    <message>
        <source>Cannot compact: the text is not valid JSON</source>
        <translation>圧縮できません: 正しい JSON ではありません</translation>
    </message>
    <message>
        <source>Formatting…</source>
        <translation>整形中…</translation>
    </message>
    <message>
        <source>Compacting…</source>
        <translation>圧縮中…</translation>
    </message>
</context>
<context>
    <name>JsonTreeModel</name>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
    <message>
        <source>{n} keys of {total}</source>
        <translation>{total} 個中 {n} 個のキー</translation>
    </message>
    <message>
        <source>{n} items of {total}</source>
        <translation>{total} 個中 {n} 個の要素</translation>
    </message>
</context>
<context>
    <name>JsonTreePanel</name>
    <message>
        <source>Search in the message</source>
        <translation>メッセージ内を検索</translation>
    </message>
    <message>
        <source>Search keys and values…</source>
        <translation>キーと値を検索…</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>前の一致 (Shift+F3)</translation>
    </message>
    <message>
        <source>Next match (F3, Enter)</source>
        <translation>次の一致 (F3、Enter)</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>すべて展開</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>すべて折りたたむ</translation>
    </message>
    <message>
        <source>Selected message as a tree</source>
        <translation>選択したメッセージのツリー</translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation>値をコピー</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>パスをコピー</translation>
    </message>
    <message>
        <source>Expand all under it</source>
        <translation>この下をすべて展開</translation>
    </message>
    <message>
        <source>Opened {levels} levels: the rest opens as you go</source>
        <translation>{levels} 階層まで展開しました: 残りは開くたびに展開されます</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>検索しています…</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>一致なし</translation>
    </message>
    <message>
        <source>{n} matches</source>
        <translation>{n} 件一致</translation>
    </message>
    <message>
        <source>{k} of {n}</source>
        <translation>{k} / {n}</translation>
    </message>
    <message>
        <source>{k} of the first {n}</source>
        <translation>{k} / 最初の {n} 件</translation>
    </message>
</context>
<context>
    <name>JsonVerdict</name>
    <message>
        <source>Empty: type a JSON document</source>
        <translation>空です: JSON ドキュメントを入力してください</translation>
    </message>
    <message>
        <source>Valid JSON</source>
        <translation>正しい JSON です</translation>
    </message>
    <message>
        <source>Invalid JSON at line {line}, column {column}: {detail}</source>
        <translation>JSON が正しくありません({line} 行 {column} 列): {detail}</translation>
    </message>
    <message>
        <source>Invalid JSON: nested too deeply</source>
        <translation>JSON が正しくありません: 入れ子が深すぎます</translation>
    </message>
</context>
<context>
    <name>KeyringCheck</name>
    <message>
        <source>{status}</source>
        <translation>{status}</translation>
    </message>
    <message>
        <source>keyring&apos;s {backend} backend is not registered (the entry points of the &apos;keyring&apos; package metadata are missing from this build; found: {found})</source>
        <translation>keyring の {backend} バックエンドが登録されていません(このビルドには &apos;keyring&apos; パッケージのメタデータのエントリーポイントがありません。見つかったもの: {found})</translation>
    </message>
    <message>
        <source>keyring&apos;s {backend} backend ({module}) cannot be imported: {detail}</source>
        <translation>keyring の {backend} バックエンド({module})をインポートできません: {detail}</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>Takes effect after a restart</source>
        <translation>再起動後に反映されます</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
</context>
<context>
    <name>LibraryDock</name>
    <message>
        <source>Library</source>
        <translation>ライブラリ</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>ライブラリ(&amp;L)</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <source>Expected reply:</source>
        <translation>期待する応答:</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>Search names and texts…</source>
        <translation>名前と本文を検索…</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>ライブラリを検索</translation>
    </message>
    <message>
        <source>Message library</source>
        <translation>メッセージライブラリ</translation>
    </message>
    <message>
        <source>Save editor text</source>
        <translation>エディターの内容を保存</translation>
    </message>
    <message>
        <source>Save the current tab&apos;s editor text in the library</source>
        <translation>現在のタブのエディターの内容をライブラリに保存します</translation>
    </message>
    <message>
        <source>New folder…</source>
        <translation>新しいフォルダー…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>インポート…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>エクスポート…</translation>
    </message>
    <message>
        <source>More</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>New folder, import, export</source>
        <translation>新しいフォルダー、インポート、エクスポート</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>名前を変更…</translation>
    </message>
    <message>
        <source>Nothing to save: the text is empty</source>
        <translation>保存するものがありません: テキストが空です</translation>
    </message>
    <message>
        <source>Save to library</source>
        <translation>ライブラリに保存</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名前:</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>保存しませんでした</translation>
    </message>
    <message>
        <source>the library</source>
        <translation>ライブラリ</translation>
    </message>
    <message>
        <source>Saved {name} in {where}</source>
        <translation>{name} を {where} に保存しました</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>新しいフォルダー</translation>
    </message>
    <message>
        <source>Folder name:</source>
        <translation>フォルダー名:</translation>
    </message>
    <message>
        <source>No folder made</source>
        <translation>フォルダーは作成されませんでした</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>名前の変更</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新しい名前:</translation>
    </message>
    <message>
        <source>Not renamed</source>
        <translation>名前は変更されませんでした</translation>
    </message>
    <message>
        <source>(top of the library)</source>
        <translation>(ライブラリの最上位)</translation>
    </message>
    <message>
        <source>Move to folder</source>
        <translation>フォルダーへ移動</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>フォルダー:</translation>
    </message>
    <message>
        <source>Not moved</source>
        <translation>移動しませんでした</translation>
    </message>
    <message>
        <source>Delete {names} from the library?</source>
        <translation>{names} をライブラリから削除しますか?</translation>
    </message>
    <message>
        <source>A folder goes with everything in it.</source>
        <translation>フォルダーは中身ごと削除されます。</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>削除しませんでした</translation>
    </message>
    <message>
        <source>{file} was not imported: {reason}</source>
        <translation>{file} はインポートされませんでした: {reason}</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>インポート失敗</translation>
    </message>
    <message>
        <source>Imported {count} messages from {file}</source>
        <translation>{file} から {count} 件のメッセージをインポートしました</translation>
    </message>
    <message>
        <source>The library was not exported: {reason}</source>
        <translation>ライブラリはエクスポートされませんでした: {reason}</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>エクスポート失敗</translation>
    </message>
    <message>
        <source>Exported {count} messages to {file}</source>
        <translation>{count} 件のメッセージを {file} にエクスポートしました</translation>
    </message>
    <message>
        <source>Tsushin library (*.json);;All files (*)</source>
        <translation>Tsushin ライブラリ (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Load into editor</source>
        <translation>エディターに読み込む</translation>
    </message>
    <message>
        <source>Expected reply…</source>
        <translation>期待する応答…</translation>
    </message>
    <message>
        <source>Move to…</source>
        <translation>移動…</translation>
    </message>
    <message>
        <source>Export this folder…</source>
        <translation>このフォルダーをエクスポート…</translation>
    </message>
    <message>
        <source>Import into the library</source>
        <translation>ライブラリにインポート</translation>
    </message>
    <message>
        <source>Export the library</source>
        <translation>ライブラリのエクスポート</translation>
    </message>
</context>
<context>
    <name>LibraryProblem</name>
    <message>
        <source>not JSON: {reason} at line {line}, column {column}</source>
        <translation>JSON ではありません: {reason}({line} 行 {column} 列)</translation>
    </message>
    <message>
        <source>not a Tsushin library file (no &quot;tsushin_library&quot; key at the top; a history export is imported with File ▸ Import history)</source>
        <translation>Tsushin のライブラリファイルではありません(最上位に &quot;tsushin_library&quot; キーがありません。履歴のエクスポートは ファイル ▸ 履歴のインポート で読み込みます)</translation>
    </message>
    <message>
        <source>library file version {found}: this Tsushin reads version {known}</source>
        <translation>ライブラリファイルのバージョンは {found} です。この Tsushin が読めるのはバージョン {known} です</translation>
    </message>
    <message>
        <source>{where}: {reason}</source>
        <translation>{where}: {reason}</translation>
    </message>
    <message>
        <source>{reason}</source>
        <translation>{reason}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to Django</source>
        <translation>Django にログイン</translation>
    </message>
    <message>
        <source>Login page</source>
        <translation>ログインページ</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Tsushin fetches the login page, posts the form with its CSRF token, and sends the session cookie it gets in every handshake of this tab.</source>
        <translation>Tsushin はログインページを取得し、CSRF トークン付きでフォームを送信します。得られたセッション Cookie は、このタブの毎回のハンドシェイクで送られます。</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <source>The login page and a user name are needed.</source>
        <translation>ログインページとユーザー名が必要です。</translation>
    </message>
    <message>
        <source>Logging in at {url}…</source>
        <translation>{url} でログインしています…</translation>
    </message>
</context>
<context>
    <name>LoginOutcome</name>
    <message>
        <source>logged in as {username} at {url}</source>
        <translation>{url} に {username} としてログインしました</translation>
    </message>
    <message>
        <source>wrong username or password (the server showed the form again)</source>
        <translation>ユーザー名かパスワードが違います(サーバーがフォームをもう一度表示しました)</translation>
    </message>
    <message>
        <source>CSRF check failed: {detail}</source>
        <translation>CSRF チェックに失敗しました: {detail}</translation>
    </message>
    <message>
        <source>{url} gave no CSRF token (no {cookie} cookie and no {field} in a form): is this Django&apos;s login page?</source>
        <translation>{url} から CSRF トークンが得られません({cookie} Cookie もフォームの {field} もありません)。Django のログインページですか?</translation>
    </message>
    <message>
        <source>{url} has no login form (no password field)</source>
        <translation>{url} にログインフォームがありません(パスワード欄がありません)</translation>
    </message>
    <message>
        <source>the server accepted the form but set no {cookie} cookie (cookies set: {cookies})</source>
        <translation>サーバーはフォームを受け付けましたが、{cookie} Cookie を設定しませんでした(設定された Cookie: {cookies})</translation>
    </message>
    <message>
        <source>{method} {url} answered HTTP {status} {reason}</source>
        <translation>{method} {url} の応答は HTTP {status} {reason} でした</translation>
    </message>
    <message>
        <source>cannot reach {url}: {reason}</source>
        <translation>{url} に到達できません: {reason}</translation>
    </message>
    <message>
        <source>the session cookie is for {cookie_host}, the WebSocket is on {ws_host}: a browser would not send it there (AnonymousUser in the consumer)</source>
        <translation>セッション Cookie は {cookie_host} 用ですが、WebSocket は {ws_host} にあります。ブラウザーはそこへ Cookie を送りません(consumer では AnonymousUser になります)</translation>
    </message>
    <message>
        <source>logged in on port {cookie_port}, the WebSocket is on port {ws_port}: the same session works only if both share Django&apos;s session store and SECRET_KEY</source>
        <translation>ログインはポート {cookie_port}、WebSocket はポート {ws_port} です。両者が Django のセッションストアと SECRET_KEY を共有している場合にだけ同じセッションが使えます</translation>
    </message>
    <message>
        <source>the session cookie is Secure (HTTPS only) and the WebSocket is plain ws://: a browser would not send it</source>
        <translation>セッション Cookie は Secure(HTTPS 専用)ですが、WebSocket は暗号化なしの ws:// です。ブラウザーはこの Cookie を送りません</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Tsushin — JSON over WebSocket</source>
        <translation>Tsushin — WebSocket で JSON 通信</translation>
    </message>
    <message>
        <source>Server log</source>
        <translation>サーバーログ</translation>
    </message>
    <message>
        <source>Bottom panels</source>
        <translation>下部パネル</translation>
    </message>
    <message>
        <source>History file</source>
        <translation>履歴ファイル</translation>
    </message>
    <message>
        <source>&amp;New tab</source>
        <translation>新しいタブ(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Close tab</source>
        <translation>タブを閉じる(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Rename tab…</source>
        <translation>タブ名の変更(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Duplicate tab</source>
        <translation>タブを複製(&amp;D)</translation>
    </message>
    <message>
        <source>Ne&amp;xt tab</source>
        <translation>次のタブ(&amp;X)</translation>
    </message>
    <message>
        <source>Pre&amp;vious tab</source>
        <translation>前のタブ(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;All connections</source>
        <translation>すべての接続(&amp;A)</translation>
    </message>
    <message>
        <source>Show the messages of every connection in this tab&apos;s history, with a column naming each one&apos;s connection (Ctrl+Shift+A)</source>
        <translation>このタブの履歴に全接続のメッセージを表示し、それぞれの接続名を列で示します(Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Load a JSON file into the editor</source>
        <translation>JSON ファイルをエディターに読み込みます</translation>
    </message>
    <message>
        <source>New connection tab (Ctrl+T)</source>
        <translation>新しい接続タブ (Ctrl+T)</translation>
    </message>
    <message>
        <source>&amp;Export history…</source>
        <translation>履歴のエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>C&amp;lear history</source>
        <translation>履歴の消去(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Copy messages</source>
        <translation>メッセージをコピー(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Filter history</source>
        <translation>履歴を絞り込む(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Send message</source>
        <translation>メッセージを送信(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About Tsushin</source>
        <translation>Tsushin について(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Save profile</source>
        <translation>プロファイルを保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Open profile…</source>
        <translation>プロファイルを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>E&amp;xport profiles…</source>
        <translation>プロファイルのエクスポート(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Import profiles…</source>
        <translation>プロファイルのインポート(&amp;I)…</translation>
    </message>
    <message>
        <source>Send as &amp;raw text</source>
        <translation>生テキストとして送信(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import history…</source>
        <translation>履歴の取り込み(&amp;I)…</translation>
    </message>
    <message>
        <source>Save sent messages as &amp;scenario…</source>
        <translation>送信したメッセージをシナリオとして保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Scenario from a history e&amp;xport…</source>
        <translation>履歴のエクスポートからシナリオを作成(&amp;X)…</translation>
    </message>
    <message>
        <source>Send &amp;binary…</source>
        <translation>バイナリを送信(&amp;B)…</translation>
    </message>
    <message>
        <source>F&amp;ormat JSON</source>
        <translation>JSON を整形(&amp;O)</translation>
    </message>
    <message>
        <source>Co&amp;mpact JSON</source>
        <translation>JSON を圧縮(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Periodic send</source>
        <translation>定期送信(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>接続(&amp;C)</translation>
    </message>
    <message>
        <source>Save editor text to &amp;library</source>
        <translation>エディタのテキストをライブラリに保存(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
    <message>
        <source>De&amp;lete profile…</source>
        <translation>プロファイルを削除(&amp;L)…</translation>
    </message>
    <message>
        <source>Co&amp;nnection settings</source>
        <translation>接続設定(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Log in…</source>
        <translation>ログイン(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>接続(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Profiles</source>
        <translation>プロファイル(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>テーマ(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>システムに従う(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>ライト(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>ダーク(&amp;D)</translation>
    </message>
    <message>
        <source>Light or dark as the system&apos;s colour scheme is, and along with it</source>
        <translation>システムの配色に合わせてライトまたはダーク（配色が変われば追従）</translation>
    </message>
    <message>
        <source>The language changes when Tsushin starts again.</source>
        <translation>言語は Tsushin の次回起動時に切り替わります。</translation>
    </message>
    <message>
        <source>(history)</source>
        <translation>(履歴)</translation>
    </message>
    <message>
        <source>(before tabs)</source>
        <translation>(タブ導入前)</translation>
    </message>
    <message>
        <source>{name} (closed)</source>
        <translation>{name}(閉じたタブ)</translation>
    </message>
    <message>
        <source>Connection {n}</source>
        <translation>接続 {n}</translation>
    </message>
    <message>
        <source>Import profiles</source>
        <translation>プロファイルのインポート</translation>
    </message>
    <message>
        <source>{n} profiles imported from {file}</source>
        <translation>{file} から {n} 件のプロファイルをインポートしました</translation>
    </message>
    <message>
        <source>profile {name}: {keys} were kept in memory only and are gone; enter them again</source>
        <translation>プロファイル {name}: {keys} はメモリー上にしかなかったため失われました。もう一度入力してください</translation>
    </message>
    <message>
        <source>Connection 1</source>
        <translation>接続 1</translation>
    </message>
    <message>
        <source>The tabs could not be saved: {error}</source>
        <translation>タブを保存できませんでした: {error}</translation>
    </message>
    <message>
        <source>No saved profile</source>
        <translation>保存されたプロファイルがありません</translation>
    </message>
    <message>
        <source>Open profile</source>
        <translation>プロファイルを開く</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>プロファイル:</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>プロファイルの削除</translation>
    </message>
    <message>
        <source>Profile to delete:</source>
        <translation>削除するプロファイル:</translation>
    </message>
    <message>
        <source>Delete the profile {name} and its secrets? A tab that has it open closes; its history stays (All connections).</source>
        <translation>プロファイル {name} とその秘密情報を削除しますか?このプロファイルを開いているタブは閉じます。履歴は残ります(すべての接続)。</translation>
    </message>
    <message>
        <source>Export profiles</source>
        <translation>プロファイルのエクスポート</translation>
    </message>
    <message>
        <source>Tsushin profiles (*.json);;All files (*)</source>
        <translation>Tsushin プロファイル (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>{n} profiles exported to {file}, without their secrets</source>
        <translation>{n} 件のプロファイルを秘密情報なしで {file} にエクスポートしました</translation>
    </message>
    <message>
        <source>an expect by the reply&apos;s type</source>
        <translation>応答の type で expect する</translation>
    </message>
    <message>
        <source>an expect of the whole reply</source>
        <translation>応答全体で expect する</translation>
    </message>
    <message>
        <source>no expects: sends only</source>
        <translation>expect なし: 送信のみ</translation>
    </message>
    <message>
        <source>Save as scenario</source>
        <translation>シナリオとして保存</translation>
    </message>
    <message>
        <source>After each send with a reply:</source>
        <translation>応答のある各送信のあとに:</translation>
    </message>
    <message>
        <source>Save scenario</source>
        <translation>シナリオの保存</translation>
    </message>
    <message>
        <source>Scenarios (*.json);;All files (*)</source>
        <translation>シナリオ (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Scenario of {n} sends saved to {file} (python -m gui run {file})</source>
        <translation>{n} 件の送信のシナリオを {file} に保存しました(python -m gui run {file})</translation>
    </message>
    <message>
        <source>No sent message in this tab: no scenario was saved</source>
        <translation>このタブには送信したメッセージがありません: シナリオは保存していません</translation>
    </message>
    <message>
        <source>Import history</source>
        <translation>履歴の取り込み</translation>
    </message>
    <message>
        <source>History exports (*.jsonl);;All files (*)</source>
        <translation>履歴のエクスポート (*.jsonl);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Scenario from a history export</source>
        <translation>履歴のエクスポートからシナリオを作成</translation>
    </message>
    <message>
        <source>{file} is not a history export: {problem}</source>
        <translation>{file} は履歴のエクスポートではありません: {problem}</translation>
    </message>
    <message>
        <source>About Tsushin</source>
        <translation>Tsushin について</translation>
    </message>
    <message>
        <source>A desktop app for talking JSON over WebSocket to Django Channels servers.</source>
        <translation>Django Channels サーバーと WebSocket で JSON をやり取りするデスクトップアプリです。</translation>
    </message>
    <message>
        <source>ping {ms} ms</source>
        <translation>ping {ms} ミリ秒</translation>
    </message>
    <message>
        <source>⚠ History not saved to disk: {error} — {unsaved} messages kept in memory, retrying (File ▸ Export saves them)</source>
        <translation>⚠ 履歴をディスクに保存できません: {error} — {unsaved} 件をメモリーに保持して再試行中(ファイル ▸ エクスポートで保存できます)</translation>
    </message>
    <message>
        <source>; {lost} dropped from memory</source>
        <translation>、{lost} 件はメモリーから破棄</translation>
    </message>
    <message>
        <source>sent {sent} · received {received} · {size}</source>
        <translation>送信 {sent} · 受信 {received} · {size}</translation>
    </message>
</context>
<context>
    <name>MessageDetail</name>
    <message>
        <source>Select a message to see it here</source>
        <translation>メッセージを選ぶとここに表示されます</translation>
    </message>
    <message>
        <source>Selected message</source>
        <translation>選択したメッセージ</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>Tree</source>
        <translation>ツリー</translation>
    </message>
    <message>
        <source>{count} bytes</source>
        <translation>{count} バイト</translation>
    </message>
    <message>
        <source>binary: shown as a hex dump</source>
        <translation>バイナリ: 16 進ダンプで表示</translation>
    </message>
    <message>
        <source>not JSON: shown as text</source>
        <translation>JSON 以外: テキストで表示</translation>
    </message>
    <message>
        <source>Schema: passed</source>
        <translation>スキーマ: 合格</translation>
    </message>
    <message>
        <source>Schema: failed at {path}: {reason}</source>
        <translation>スキーマ: 不合格({path}): {reason}</translation>
    </message>
    <message>
        <source>Round trip: {ms} ms (from the sent message it answers)</source>
        <translation>往復時間: {ms} ミリ秒(応答先の送信メッセージから)</translation>
    </message>
    <message>
        <source>A binary message has no tree: see Text</source>
        <translation>バイナリのメッセージにツリーはありません: テキストを見てください</translation>
    </message>
    <message>
        <source>Only sent and received messages have a tree</source>
        <translation>ツリーは送信・受信したメッセージにだけあります</translation>
    </message>
    <message>
        <source>Not JSON: this message is shown as text only</source>
        <translation>JSON ではありません: このメッセージはテキストでだけ表示されます</translation>
    </message>
    <message>
        <source>Reading the message…</source>
        <translation>メッセージを読んでいます…</translation>
    </message>
    <message>
        <source>Nested too deeply to show as a tree: see Text</source>
        <translation>入れ子が深すぎてツリーにできません: テキストを見てください</translation>
    </message>
</context>
<context>
    <name>PeriodicBar</name>
    <message>
        <source>Periodic send interval</source>
        <translation>定期送信の間隔</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ミリ秒</translation>
    </message>
    <message>
        <source>Send the editor&apos;s message every this many ms</source>
        <translation>エディターのメッセージをこのミリ秒ごとに送信します</translation>
    </message>
    <message>
        <source>Periodic send count</source>
        <translation>定期送信の回数</translation>
    </message>
    <message>
        <source>until stopped</source>
        <translation>停止するまで</translation>
    </message>
    <message>
        <source> times</source>
        <translation> 回</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Start or stop sending the editor&apos;s message periodically</source>
        <translation>エディターのメッセージの定期送信を開始・停止します</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>間隔</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>sent {sent} of {limit}</source>
        <translation>{limit} 件中 {sent} 件送信</translation>
    </message>
    <message>
        <source>sent {sent}</source>
        <translation>{sent} 件送信</translation>
    </message>
    <message>
        <source>stopped after {sent}: {reason}</source>
        <translation>{sent} 件で停止: {reason}</translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <source>Headers</source>
        <translation>ヘッダー</translation>
    </message>
    <message>
        <source>Query parameters</source>
        <translation>クエリパラメーター</translation>
    </message>
    <message>
        <source>Cookies</source>
        <translation>Cookie</translation>
    </message>
    <message>
        <source>Subprotocols</source>
        <translation>サブプロトコル</translation>
    </message>
    <message>
        <source>e.g. tsushin.v1, graphql-ws</source>
        <translation>例: tsushin.v1, graphql-ws</translation>
    </message>
    <message>
        <source>Offered in this order (comma-separated); the server chooses one</source>
        <translation>この順で提示します(カンマ区切り)。サーバーがひとつを選びます</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origin</translation>
    </message>
    <message>
        <source>the server&apos;s own address (none: send no Origin)</source>
        <translation>サーバー自身のアドレス(none: Origin を送らない)</translation>
    </message>
    <message>
        <source>Empty: the server&apos;s own address, as a browser on its page would send; none: no Origin header; else an origin such as https://example.com</source>
        <translation>空欄: そのページを開いたブラウザーと同じく、サーバー自身のアドレス。none: Origin ヘッダーなし。それ以外: https://example.com のようなオリジン</translation>
    </message>
    <message>
        <source>Verify the server&apos;s certificate</source>
        <translation>サーバーの証明書を検証する</translation>
    </message>
    <message>
        <source>CA bundle file</source>
        <translation>CA バンドルファイル</translation>
    </message>
    <message>
        <source>the system&apos;s certificates</source>
        <translation>システムの証明書</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>クライアント証明書</translation>
    </message>
    <message>
        <source>none (PEM file)</source>
        <translation>なし(PEM ファイル)</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>クライアント鍵</translation>
    </message>
    <message>
        <source>in the certificate file (PEM file)</source>
        <translation>証明書ファイル内(PEM ファイル)</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>CA バンドル</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>ファイルを選択</translation>
    </message>
    <message>
        <source>HTTP proxy</source>
        <translation>HTTP プロキシ</translation>
    </message>
    <message>
        <source>host:port (empty: HTTPS_PROXY / HTTP_PROXY from the environment)</source>
        <translation>ホスト:ポート(空欄: 環境変数 HTTPS_PROXY / HTTP_PROXY)</translation>
    </message>
    <message>
        <source>An HTTP proxy (CONNECT): [user:password@]host:port</source>
        <translation>HTTP プロキシ(CONNECT): [ユーザー:パスワード@]ホスト:ポート</translation>
    </message>
    <message>
        <source>Ping interval</source>
        <translation>ping の間隔</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>A WebSocket ping this often; 3 unanswered: lost</source>
        <translation>この間隔で WebSocket の ping を送ります。3 回応答がなければ切断とみなします</translation>
    </message>
    <message>
        <source>Keep secrets in the profile file</source>
        <translation>秘密情報をプロファイルファイルに保存する</translation>
    </message>
    <message>
        <source>Only where the system has no credential store: the values are then written, readable, in the profile&apos;s file</source>
        <translation>システムに資格情報ストアがない場合のみ。値は読める形でプロファイルのファイルに書き込まれます</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>プロキシ</translation>
    </message>
    <message>
        <source>Ping every</source>
        <translation>ping の間隔</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>クエリ</translation>
    </message>
    <message>
        <source>Handshake</source>
        <translation>ハンドシェイク</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Proxy, ping, secrets</source>
        <translation>プロキシ、ping、秘密情報</translation>
    </message>
    <message>
        <source>Problems of the connection settings</source>
        <translation>接続設定の問題</translation>
    </message>
    <message>
        <source>⚠ {message}</source>
        <translation>⚠ {message}</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM ファイル (*.pem *.crt *.key);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>ProfileFormatProblem</name>
    <message>
        <source>{file}: not valid JSON at line {line}, column {column}: {detail}</source>
        <translation>{file}: 正しい JSON ではありません({line} 行 {column} 列): {detail}</translation>
    </message>
    <message>
        <source>{file}: not a Tsushin profile (no &quot;format&quot;: &quot;{format}&quot;)</source>
        <translation>{file}: Tsushin のプロファイルではありません(&quot;format&quot;: &quot;{format}&quot; がありません)</translation>
    </message>
    <message>
        <source>{file}: written by a newer Tsushin ({found})</source>
        <translation>{file}: 新しいバージョンの Tsushin で書かれています({found})</translation>
    </message>
    <message>
        <source>{file}: unknown key {field}</source>
        <translation>{file}: 不明なキー {field}</translation>
    </message>
    <message>
        <source>{file}: {field} must be {expected}</source>
        <translation>{file}: {field} は {expected} である必要があります</translation>
    </message>
    <message>
        <source>{file}: {field} must be one of {choices}</source>
        <translation>{file}: {field} は {choices} のいずれかである必要があります</translation>
    </message>
</context>
<context>
    <name>ProfileProblem</name>
    <message>
        <source>the profile needs a name</source>
        <translation>プロファイルには名前が必要です</translation>
    </message>
    <message>
        <source>the scheme must be ws or wss, not {value!r}</source>
        <translation>スキームは ws か wss です({value!r} は使えません)</translation>
    </message>
    <message>
        <source>no host</source>
        <translation>ホストがありません</translation>
    </message>
    <message>
        <source>{value!r} is not a host name or address</source>
        <translation>{value!r} はホスト名でもアドレスでもありません</translation>
    </message>
    <message>
        <source>port {value} is not between 1 and 65535</source>
        <translation>ポート {value} が 1〜65535 の範囲外です</translation>
    </message>
    <message>
        <source>the path has {char} in it (percent-encode it)</source>
        <translation>パスに {char} が含まれています(パーセントエンコードしてください)</translation>
    </message>
    <message>
        <source>a row with a value has no name</source>
        <translation>値のある行に名前がありません</translation>
    </message>
    <message>
        <source>{value!r} is not a valid {kind} name (letters, digits and !#$%&amp;&apos;*+-.^_`|~)</source>
        <translation>{value!r} は {kind} の名前として使えません(英字、数字、!#$%&amp;&apos;*+-.^_`|~ のみ)</translation>
    </message>
    <message>
        <source>{value} is written by the client itself{hint}</source>
        <translation>{value} はクライアント自身が書き込みます{hint}</translation>
    </message>
    <message>
        <source>the value of header {name} has a line break or control character in it: it would end the header (header injection)</source>
        <translation>ヘッダー {name} の値に改行か制御文字が含まれています。ヘッダーがそこで終わってしまいます(ヘッダーインジェクション)</translation>
    </message>
    <message>
        <source>the value of cookie {name} has {char} in it, which a cookie cannot hold (RFC 6265: no ; , &quot; \ or white space; percent-encode it)</source>
        <translation>Cookie {name} の値に、Cookie に入れられない {char} が含まれています(RFC 6265: ; , &quot; \ や空白は不可。パーセントエンコードしてください)</translation>
    </message>
    <message>
        <source>the value of {name} has a control character in it</source>
        <translation>{name} の値に制御文字が含まれています</translation>
    </message>
    <message>
        <source>{value!r} is not a valid subprotocol name (a token: no spaces or commas)</source>
        <translation>{value!r} はサブプロトコル名として使えません(トークン: 空白やカンマは不可)</translation>
    </message>
    <message>
        <source>subprotocol {value} is offered twice</source>
        <translation>サブプロトコル {value} が二重に指定されています</translation>
    </message>
    <message>
        <source>a custom Origin needs a value (or choose none)</source>
        <translation>独自の Origin には値が必要です(または none を選んでください)</translation>
    </message>
    <message>
        <source>{value!r} is not an origin: scheme://host[:port], nothing else</source>
        <translation>{value!r} はオリジンではありません: スキーム://ホスト[:ポート] の形だけが使えます</translation>
    </message>
    <message>
        <source>cannot read {path}: {reason}</source>
        <translation>{path} を読めません: {reason}</translation>
    </message>
    <message>
        <source>{path} holds no CA certificate Tsushin can read: {reason}</source>
        <translation>{path} に Tsushin が読める CA 証明書がありません: {reason}</translation>
    </message>
    <message>
        <source>the client certificate or its key cannot be used: {reason}</source>
        <translation>クライアント証明書かその鍵を使えません: {reason}</translation>
    </message>
    <message>
        <source>a client key needs its certificate</source>
        <translation>クライアント鍵には対応する証明書が必要です</translation>
    </message>
    <message>
        <source>proxy {value!r}: {reason}</source>
        <translation>プロキシ {value!r}: {reason}</translation>
    </message>
    <message>
        <source>proxy port {value} is not between 1 and 65535</source>
        <translation>プロキシのポート {value} が 1〜65535 の範囲外です</translation>
    </message>
    <message>
        <source>a proxy user name needs a proxy host</source>
        <translation>プロキシのユーザー名にはプロキシのホストが必要です</translation>
    </message>
    <message>
        <source>the connect timeout must be between {low:g} and {high:g} s</source>
        <translation>接続タイムアウトは {low:g}〜{high:g} 秒の範囲で指定してください</translation>
    </message>
    <message>
        <source>the ping interval must be between {low:g} and {high:g} s</source>
        <translation>ping の間隔は {low:g}〜{high:g} 秒の範囲で指定してください</translation>
    </message>
    <message>
        <source>{value!r} cannot be a variable name (braces, or a built-in name: uuid, now, now_ms, counter, env:...)</source>
        <translation>{value!r} は変数名に使えません(波かっこ、または組み込みの名前: uuid, now, now_ms, counter, env:...)</translation>
    </message>
    <message>
        <source>{{{{{name}}}}} is not a variable of this profile or a built-in one</source>
        <translation>{{{{{name}}}}} はこのプロファイルの変数でも組み込みの変数でもありません</translation>
    </message>
    <message>
        <source>environment variable {name} is not set (used as {{{{env:{name}}}}})</source>
        <translation>環境変数 {name} が設定されていません({{{{env:{name}}}}} で使用)</translation>
    </message>
</context>
<context>
    <name>RowsEditor</name>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
</context>
<context>
    <name>RowsModel</name>
    <message>
        <source>On</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>秘密</translation>
    </message>
    <message>
        <source>A secret: shown masked, kept out of the history and exports</source>
        <translation>秘密情報: 伏せ字で表示し、履歴やエクスポートには含めません</translation>
    </message>
</context>
<context>
    <name>ScenarioControl</name>
    <message>
        <source>Not run: {reason}</source>
        <translation>実行していません: {reason}</translation>
    </message>
</context>
<context>
    <name>ScenarioDock</name>
    <message>
        <source>Scenarios</source>
        <translation>シナリオ</translation>
    </message>
    <message>
        <source>S&amp;cenarios</source>
        <translation>シナリオ(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <source>Open…</source>
        <extracomment>The theme&apos;s roles of the states that have a colour. Names the scenario may use besides its own (the current tab&apos;s profile&apos;s).</extracomment>
        <translation>開く…</translation>
    </message>
    <message>
        <source>Open a scenario file (JSON)</source>
        <translation>シナリオファイル(JSON)を開く</translation>
    </message>
    <message>
        <source>No scenario open</source>
        <translation>シナリオが開かれていません</translation>
    </message>
    <message>
        <source>Scenario steps</source>
        <translation>シナリオのステップ</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Run the scenario on the current tab&apos;s connection (connecting it first if needed); the file&apos;s connect section is for python -m gui run</source>
        <translation>現在のタブの接続でシナリオを実行します(必要なら先に接続します)。ファイルの接続の節はヘッドレスのランナー用です</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>line {line}, column {column}: {problem}</source>
        <translation>{line} 行 {column} 列: {problem}</translation>
    </message>
    <message>
        <source>Not a valid scenario: {problem}</source>
        <translation>正しいシナリオではありません: {problem}</translation>
    </message>
    <message>
        <source>{steps} steps to run</source>
        <translation>実行するステップ: {steps}</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>実行中…</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>実行中…</translation>
    </message>
    <message>
        <source>Open scenario</source>
        <translation>シナリオを開く</translation>
    </message>
    <message>
        <source>Scenarios (*.json);;All files (*)</source>
        <translation>シナリオ (*.json);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>ScenarioProblem</name>
    <message>
        <source>cannot read {file}: {reason}</source>
        <translation>{file} を読めません: {reason}</translation>
    </message>
    <message>
        <source>{file} is not UTF-8 text (byte {position})</source>
        <translation>{file} は UTF-8 のテキストではありません({position} バイト目)</translation>
    </message>
    <message>
        <source>invalid JSON{in_file} at line {line}, column {column}: {reason}</source>
        <translation>JSON が正しくありません{in_file}({line} 行 {column} 列): {reason}</translation>
    </message>
    <message>
        <source>{where} must be {expected}, not {actual}</source>
        <translation>{where} は {expected} である必要があります({actual} ではなく)</translation>
    </message>
    <message>
        <source>unknown key {key!r} in {where}{hint}</source>
        <translation>{where} に不明なキー {key!r} があります{hint}</translation>
    </message>
    <message>
        <source>{where} needs {key!r}</source>
        <translation>{where} には {key!r} が必要です</translation>
    </message>
    <message>
        <source>{where}: a step needs one of send, expect, sleep_ms, repeat</source>
        <translation>{where}: ステップには send、expect、sleep_ms、repeat のいずれかが必要です</translation>
    </message>
    <message>
        <source>{where}: a step has one action, this one has {actions}</source>
        <translation>{where}: ステップの動作はひとつだけですが、このステップには {actions} があります</translation>
    </message>
    <message>
        <source>{where}: {reason}</source>
        <translation>{where}: {reason}</translation>
    </message>
    <message>
        <source>{where} is not a valid JSON Schema: {reason} (at {schema_path})</source>
        <translation>{where} は正しい JSON Schema ではありません: {reason}({schema_path})</translation>
    </message>
    <message>
        <source>{where} uses unknown variable {{{{{name}}}}}</source>
        <translation>{where} が不明な変数 {{{{{name}}}}} を使っています</translation>
    </message>
    <message>
        <source>{where} uses {{{{env:{name}}}}}, and the environment variable {name} is not set</source>
        <translation>{where} は {{{{env:{name}}}}} を使っていますが、環境変数 {name} が設定されていません</translation>
    </message>
</context>
<context>
    <name>SchemaPanel</name>
    <message>
        <source>JSON Schema for received messages</source>
        <translation>受信メッセージの JSON Schema</translation>
    </message>
    <message>
        <source>Paste a JSON Schema, e.g. {&quot;type&quot;: &quot;object&quot;, &quot;required&quot;: [&quot;type&quot;]}</source>
        <translation>JSON Schema を貼り付けてください。例: {&quot;type&quot;: &quot;object&quot;, &quot;required&quot;: [&quot;type&quot;]}</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>読み込み…</translation>
    </message>
    <message>
        <source>Read the schema from a file</source>
        <translation>ファイルからスキーマを読み込みます</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>over {limit} MB</source>
        <translation>{limit} MB を超えています</translation>
    </message>
    <message>
        <source>Cannot read {name}: {error}</source>
        <translation>{name} を読めません: {error}</translation>
    </message>
    <message>
        <source>Not checking: the schema is not valid: {message}</source>
        <translation>チェックしていません: スキーマが正しくありません: {message}</translation>
    </message>
    <message>
        <source>No schema: received messages are not checked</source>
        <translation>スキーマなし: 受信メッセージはチェックされません</translation>
    </message>
    <message>
        <source>Checking every received JSON message</source>
        <translation>受信した JSON メッセージをすべてチェックしています</translation>
    </message>
    <message>
        <source>Load a JSON Schema</source>
        <translation>JSON Schema の読み込み</translation>
    </message>
    <message>
        <source>JSON Schema (*.json *.schema.json);;All files (*)</source>
        <translation>JSON Schema (*.json *.schema.json);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>SchemaTrouble</name>
    <message>
        <source>not JSON: {detail} (line {line}, column {column})</source>
        <translation>JSON ではありません: {detail}({line} 行 {column} 列)</translation>
    </message>
    <message>
        <source>not usable: nested too deeply</source>
        <translation>使えません: 入れ子が深すぎます</translation>
    </message>
    <message>
        <source>not usable: {reason}</source>
        <translation>使えません: {reason}</translation>
    </message>
</context>
<context>
    <name>SecretStatus</name>
    <message>
        <source>secrets are kept in the system&apos;s credential store ({backend})</source>
        <translation>秘密情報はシステムの資格情報ストア({backend})に保存されます</translation>
    </message>
    <message>
        <source>no credential store on this system ({backend}): secrets are kept in memory only, unless you choose to save them in the profile file</source>
        <translation>このシステムには資格情報ストアがありません({backend})。プロファイルファイルへの保存を選ばない限り、秘密情報はメモリー上にだけ保持されます</translation>
    </message>
    <message>
        <source>the credential store failed ({detail}): secrets are kept in memory only, unless you choose to save them in the profile file</source>
        <translation>資格情報ストアでエラーが起きました({detail})。プロファイルファイルへの保存を選ばない限り、秘密情報はメモリー上にだけ保持されます</translation>
    </message>
</context>
<context>
    <name>ServerLauncher</name>
    <message>
        <source>it was killed</source>
        <extracomment>Where ``python -m embedded_server`` resolves from source: the project root.</extracomment>
        <translation>強制終了されました</translation>
    </message>
    <message>
        <source>exit code {code}</source>
        <translation>終了コード {code}</translation>
    </message>
    <message>
        <source>embedded server exited ({how})</source>
        <translation>内蔵サーバーが終了しました({how})</translation>
    </message>
    <message>
        <source>could not start the embedded server: {error}</source>
        <translation>内蔵サーバーを起動できませんでした: {error}</translation>
    </message>
    <message>
        <source>it crashed or was killed</source>
        <translation>クラッシュしたか強制終了されました</translation>
    </message>
    <message>
        <source>embedded server stopped unexpectedly ({how})</source>
        <translation>内蔵サーバーが予期せず停止しました({how})</translation>
    </message>
    <message>
        <source>embedded server exited before it was ready ({how})</source>
        <translation>内蔵サーバーが準備完了前に終了しました({how})</translation>
    </message>
    <message>
        <source>embedded server was not ready after {seconds} s</source>
        <translation>内蔵サーバーが {seconds} 秒たっても準備できませんでした</translation>
    </message>
</context>
<context>
    <name>ServerLog</name>
    <message>
        <source>The embedded server&apos;s log appears here once it starts.</source>
        <translation>内蔵サーバーが起動すると、ここにログが表示されます。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>closed by the user</source>
        <translation>ユーザーが閉じました</translation>
    </message>
    <message>
        <source>no reply to pings for {seconds} s</source>
        <translation>{seconds} 秒間 ping に応答がありません</translation>
    </message>
    <message>
        <source>{count} bytes of binary</source>
        <translation>バイナリ {count} バイト</translation>
    </message>
    <message>
        <source>not sent (connection closed): {message}</source>
        <translation>未送信(接続が閉じられました): {message}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>コマンド</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
</context>
<context>
    <name>StepOutcome</name>
    <message>
        <source>sent {size} bytes</source>
        <translation>{size} バイト送信</translation>
    </message>
    <message>
        <source>matched after {after_ms} ms</source>
        <translation>{after_ms} ミリ秒後に一致</translation>
    </message>
    <message>
        <source>slept {ms} ms</source>
        <translation>{ms} ミリ秒待機</translation>
    </message>
    <message>
        <source>{times} iterations done</source>
        <translation>{times} 回の繰り返しが完了</translation>
    </message>
    <message>
        <source>no matching message within {within_ms} ms</source>
        <translation>{within_ms} ミリ秒以内に一致するメッセージがありません</translation>
    </message>
    <message>
        <source>the server closed the connection: {close}</source>
        <translation>サーバーが接続を閉じました: {close}</translation>
    </message>
    <message>
        <source>could not send: {reason}</source>
        <translation>送信できませんでした: {reason}</translation>
    </message>
    <message>
        <source>{reason}</source>
        <translation>{reason}</translation>
    </message>
    <message>
        <source>step {inner} failed in iteration {iteration} of {times}</source>
        <translation>{times} 回中 {iteration} 回目でステップ {inner} が失敗しました</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止しました</translation>
    </message>
</context>
<context>
    <name>StoreProblem</name>
    <message>
        <source>no profile with id {id}</source>
        <translation>ID {id} のプロファイルはありません</translation>
    </message>
    <message>
        <source>a profile called {name!r} exists already</source>
        <translation>{name!r} という名前のプロファイルはすでにあります</translation>
    </message>
    <message>
        <source>a profile needs a name</source>
        <translation>プロファイルには名前が必要です</translation>
    </message>
    <message>
        <source>cannot write {file}: {reason}</source>
        <translation>{file} に書き込めません: {reason}</translation>
    </message>
    <message>
        <source>cannot read {file}: {reason}</source>
        <translation>{file} を読めません: {reason}</translation>
    </message>
    <message>
        <source>{file} holds neither a profile nor a list of profiles</source>
        <translation>{file} にはプロファイルもプロファイルの一覧も入っていません</translation>
    </message>
</context>
<context>
    <name>TabLogin</name>
    <message>
        <source>logged out ({user}): the next handshake is anonymous</source>
        <translation>ログアウトしました({user})。次のハンドシェイクは匿名です</translation>
    </message>
    <message>
        <source>But: {warning}</source>
        <translation>ただし: {warning}</translation>
    </message>
    <message>
        <source>{outcome}: its session cookie goes in every handshake of this tab</source>
        <translation>{outcome}: そのセッション Cookie がこのタブの毎回のハンドシェイクで送られます</translation>
    </message>
    <message>
        <source>login failed: {why}</source>
        <translation>ログインに失敗しました: {why}</translation>
    </message>
</context>
<context>
    <name>TabScenarioRun</name>
    <message>
        <source>the tab {title} cannot connect: {reason}</source>
        <translation>タブ {title} は接続できません: {reason}</translation>
    </message>
    <message>
        <source>stopped before it started</source>
        <translation>始まる前に停止しました</translation>
    </message>
    <message>
        <source>scenario {name} started</source>
        <translation>シナリオ {name} を開始しました</translation>
    </message>
    <message>
        <source>Passed: {steps} steps in {seconds} s</source>
        <translation>成功: {steps} ステップ、{seconds} 秒</translation>
    </message>
    <message>
        <source>Failed at step {step}{where}: {reason}</source>
        <translation>ステップ {step}{where} で失敗: {reason}</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止しました</translation>
    </message>
    <message>
        <source>scenario {name} passed</source>
        <translation>シナリオ {name} は成功しました</translation>
    </message>
    <message>
        <source>scenario {name} failed at step {step}: {reason}</source>
        <translation>シナリオ {name} はステップ {step} で失敗しました: {reason}</translation>
    </message>
    <message>
        <source>scenario {name} stopped</source>
        <translation>シナリオ {name} を停止しました</translation>
    </message>
    <message>
        <source>Could not connect: {reason}</source>
        <translation>接続できませんでした: {reason}</translation>
    </message>
</context>
<context>
    <name>TabSending</name>
    <message>
        <source>not connected</source>
        <translation>未接続です</translation>
    </message>
    <message>
        <source>started again</source>
        <translation>再開しました</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
</context>
<context>
    <name>VariableProblem</name>
    <message>
        <source>unknown variable {{{{{name}}}}}</source>
        <translation>不明な変数 {{{{{name}}}}}</translation>
    </message>
    <message>
        <source>environment variable {name} is not set (used as {{{{env:{name}}}}})</source>
        <translation>環境変数 {name} が設定されていません({{{{env:{name}}}}} で使用)</translation>
    </message>
    <message>
        <source>{{{{{name}}}}} in an expect stands for the last value sent, but no message has used it yet</source>
        <translation>expect の {{{{{name}}}}} は最後に送った値を表しますが、まだどのメッセージもそれを使っていません</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Cannot open the history in {folder}: {error}</source>
        <translation>{folder} の履歴を開けません: {error}</translation>
    </message>
</context>
</TS>
