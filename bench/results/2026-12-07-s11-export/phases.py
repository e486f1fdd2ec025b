import sys, json, subprocess, re
f=sys.argv[1]
out=subprocess.run(['jfr','print','--json','--stack-depth','200','--events','jdk.ExecutionSample,jdk.NativeMethodSample',f],capture_output=True,text=True).stdout
ev=json.loads(out)['recording']['events']
def ts(s):
    m=re.match(r'.*T(\d+):(\d+):(\d+(?:\.\d+)?)',s); return int(m[1])*3600+int(m[2])*60+float(m[3])
rows=[]
for e in ev:
    v=e['values']; th=v.get('sampledThread') or {}
    if (th.get('javaName') or th.get('osName'))!='main': continue
    fr=[x['method']['type']['name'].replace('/','.')+'.'+x['method']['name'] for x in v['stackTrace']['frames']]
    rows.append((ts(v['startTime']),fr))
rows.sort(); t0=rows[0][0]
phases=[('exporter (Parquet/CSV)','WarehouseExporter.exportAll'),('snapshot','AnalystSnapshot.publishing'),('batch launch','JobsWithoutContext.export'),('job repository (H2)','JobRepositoryStore'),('reference data','ReferenceDataLoader'),('waiting for warehouse','WithoutSpring.opened'),('cli/start','org.anjian')]
first={};last={};cnt={}
for t,fr in rows:
    s=' '.join(fr); p=next((n for n,k in phases if k in s),'jvm/launcher')
    first.setdefault(p,t-t0); last[p]=t-t0; cnt[p]=cnt.get(p,0)+1
for p in sorted(first,key=first.get): print(f"{p:24s} {first[p]:5.2f}-{last[p]:5.2f} s  samples {cnt[p]}")
