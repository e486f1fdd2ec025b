import json,os,sys,datetime,zoneinfo,shutil
src,dst=sys.argv[1],sys.argv[2]
shutil.copytree(os.path.join(src,'inbox'),dst)
z=zoneinfo.ZoneInfo('Asia/Shanghai')
for f in json.load(open(os.path.join(src,'expected.json')))['files']:
    t=datetime.datetime.fromisoformat(f['received_at']).replace(tzinfo=z).timestamp()
    os.utime(os.path.join(dst,f['path']),(t,t))
